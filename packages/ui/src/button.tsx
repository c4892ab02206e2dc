import type { ButtonHTMLAttributes } from 'react';
import styles from './button.module.css';

export type ButtonVariant = 'default' | 'primary' | 'buy' | 'sell' | 'danger' | 'ghost';

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: ButtonVariant;
  size?: 'normal' | 'small';
};

export function Button({ variant = 'default', size = 'normal', className = '', type = 'button', ...rest }: ButtonProps) {
  const variantClass = variant === 'default' ? '' : styles[variant];
  const sizeClass = size === 'small' ? styles.small : '';
  return <button type={type} className={`${styles.button} ${variantClass} ${sizeClass} ${className}`} {...rest} />;
}
