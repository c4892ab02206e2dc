import { z } from 'zod';

/**
 * The `result` of the Market Data API's answers, as far as we read them (loose: deployments add
 * fields). Login: `{token, userID, appVersion, application_expiry_date}`. Subscribe and quotes:
 * `{mdp, quotesList, listQuotes}` where each listQuotes entry is one full message as a JSON string
 * (the Node SDK JSON.parses each); an object is accepted too. Master: one pipe-delimited string.
 * Index list: `{exchangeSegment: "1", indexList: ["NIFTY 50_26000", ...]}` (see xts-index-list.ts).
 */
export const XtsMdLoginResultSchema = z.looseObject({
  token: z.string().min(1),
  userID: z.string().min(1),
  appVersion: z.unknown().optional(),
  application_expiry_date: z.unknown().optional(),
});

export const XtsMdQuotesResultSchema = z.looseObject({
  mdp: z.unknown().optional(),
  quotesList: z.unknown().optional(),
  listQuotes: z
    .array(z.unknown())
    .nullish()
    .transform((rows) => rows ?? []),
});

export const XtsMdMasterResultSchema = z.string();

/** The entries are read one by one (xts-index-list.ts), so one odd entry cannot hide the others. */
export const XtsMdIndexListResultSchema = z.looseObject({
  exchangeSegment: z.union([z.string(), z.number()]).nullish(),
  indexList: z
    .array(z.unknown())
    .nullish()
    .transform((rows) => rows ?? []),
});
