'use client';

import { useEffect, useState } from 'react';
import { readBrokerLoginResult, withoutBrokerLoginResult, type BrokerLoginResult } from './broker-login-result.ts';

/**
 * The outcome the Kite callback put in this page's address, read once, then removed from the
 * address (a reload or a shared link must not announce it again). Read in an effect rather than
 * with useSearchParams: the page stays statically rendered, no Suspense boundary needed.
 */
export function useBrokerLoginResult(): [BrokerLoginResult | null, () => void] {
  const [result, setResult] = useState<BrokerLoginResult | null>(null);
  useEffect(() => {
    const found = readBrokerLoginResult(window.location.search);
    if (!found) return;
    setResult(found);
    const { pathname, hash } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${withoutBrokerLoginResult(window.location.search)}${hash}`);
  }, []);
  return [result, () => setResult(null)];
}
