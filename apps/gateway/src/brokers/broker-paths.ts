/** Where Kite sends the browser back after a login (Kite calls it the redirect URL). */
export const KITE_CALLBACK_PATH = '/brokers/kite/callback';
/** Where Kite posts order updates for one broker account: `<prefix><broker account id>`. */
export const KITE_POSTBACK_PREFIX = '/brokers/kite/postback/';

/** The gateway's own broker routes: never proxied to the web app. */
export const isBrokerPath = (path: string): boolean => path === '/brokers' || path.startsWith('/brokers/');

/** The two URLs a Kite login hands the engine, under the origin browsers and Kite reach us at. */
export const kiteUrls = (origin: string, brokerAccountId: string) => ({
  redirectUrl: `${origin}${KITE_CALLBACK_PATH}`,
  postbackUrl: `${origin}${KITE_POSTBACK_PREFIX}${brokerAccountId}`,
});
