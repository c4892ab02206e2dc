/**
 * XTS market-data messages recorded from live sessions, shared by the tests that read them so each
 * proves its point against the very same bytes XTS sent.
 */

/**
 * A 1501 touchline for NSECM 26000 (NIFTY 50) published in a live session on 15 April 2024 —
 * an index as XTS sends it: zero bid/ask, nothing traded (Touchline abridged to what we read).
 */
export const LIVE_NIFTY_1501 = JSON.stringify({
  MessageCode: 1501,
  ExchangeSegment: 1,
  ExchangeInstrumentID: 26000,
  ExchangeTimeStamp: 1_397_650_179,
  Touchline: {
    BidInfo: { Size: 0, Price: 0, TotalOrders: 0, BuyBackMarketMaker: 0 },
    AskInfo: { Size: 0, Price: 0, TotalOrders: 0, BuyBackMarketMaker: 0 },
    LastTradedPrice: 22386,
    LastTradedQunatity: 0,
    TotalTradedQuantity: 0,
    AverageTradedPrice: 22386,
    LastTradedTime: 1_397_650_179,
    LastUpdateTime: 1_397_650_179,
    Open: 22339.05,
    High: 22427.45,
    Low: 22263.55,
    Close: 22519.4,
  },
});
