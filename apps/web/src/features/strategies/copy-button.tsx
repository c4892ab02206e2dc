'use client';

import { Button, useToast } from '@strikedesk/ui';
import { copyText } from './copy-text.ts';

type CopyButtonProps = { text: string; what: string; testId?: string };

/** Copies `text` and says so; `what` names it in the button's label and the toast. */
export function CopyButton({ text, what, testId }: CopyButtonProps) {
  const toast = useToast();
  const copy = async () => {
    const copied = await copyText(text);
    toast.show(copied ? { kind: 'success', message: `${what} copied.` } : { kind: 'warning', message: `Could not copy the ${what.toLowerCase()}: select it and copy it by hand.` });
  };
  return (
    <Button size="small" onClick={() => void copy()} aria-label={`Copy ${what.toLowerCase()}`} data-testid={testId}>
      Copy
    </Button>
  );
}
