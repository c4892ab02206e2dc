import { z } from 'zod';

/**
 * The Interactive API's order-book, trade-book and position rows, as the order socket also sends
 * them. Only the fields we read are checked; numbers may come as strings ("2,853.50", "") and enum
 * case varies by deployment, so both are read loosely here and strictly in the mapping.
 */
const loose = z.union([z.number(), z.string()]).nullish();

export const XtsOrderRowSchema = z.looseObject({
  AppOrderID: z.union([z.number(), z.string()]),
  ExchangeSegment: z.union([z.string(), z.number()]),
  ExchangeInstrumentID: loose,
  TradingSymbol: z.string().nullish(),
  OrderSide: z.string(),
  OrderType: z.string(),
  ProductType: z.string(),
  OrderPrice: loose,
  OrderQuantity: loose,
  OrderStopPrice: loose,
  OrderStatus: z.string(),
  OrderAverageTradedPrice: loose,
  LeavesQuantity: loose,
  CumulativeQuantity: loose,
  OrderGeneratedDateTime: z.string().nullish(),
  LastUpdateDateTime: z.string().nullish(),
  CancelRejectReason: z.string().nullish(),
  OrderUniqueIdentifier: z.string().nullish(),
});
export type XtsOrderRow = z.infer<typeof XtsOrderRowSchema>;

export const XtsTradeRowSchema = XtsOrderRowSchema.extend({
  ExecutionID: z.union([z.string(), z.number()]),
  LastTradedPrice: loose,
  LastTradedQuantity: loose,
  LastExecutionTransactTime: z.string().nullish(),
});
export type XtsTradeRow = z.infer<typeof XtsTradeRowSchema>;

export const XtsPositionRowSchema = z.looseObject({
  ExchangeSegment: z.union([z.string(), z.number()]),
  ExchangeInstrumentId: loose,
  TradingSymbol: z.string().nullish(),
  ProductType: z.string(),
  Quantity: loose,
});
export type XtsPositionRow = z.infer<typeof XtsPositionRowSchema>;

export const XtsPositionsResultSchema = z.looseObject({ positionList: z.array(XtsPositionRowSchema) });

/** Place and modify answer `{AppOrderID, OrderUniqueIdentifier, ClientID}` (AppOrderID sometimes a string). */
export const XtsOrderAckSchema = z.looseObject({ AppOrderID: z.union([z.number(), z.string()]), OrderUniqueIdentifier: z.string().nullish() });

export const XtsLoginResultSchema = z.looseObject({ token: z.string().min(1), userID: z.string().min(1), isInvestorClient: z.boolean().nullish() });

/** `BalanceList[].limitObject.RMSSubLimits`, with "NaN" where the RMS has no figure. */
export const XtsBalanceResultSchema = z.looseObject({
  BalanceList: z.array(z.looseObject({ limitHeader: z.string().nullish(), limitObject: z.looseObject({ RMSSubLimits: z.looseObject({ cashAvailable: loose, marginUtilized: loose, netMarginAvailable: loose }) }) })),
});
