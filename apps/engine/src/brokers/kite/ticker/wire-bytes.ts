/**
 * Test helper: big-endian bytes written field by field, in the order the KiteTicker reference lists
 * them (../shared/reference/kite.md, "KiteTicker WebSocket", and the official clients). It shares
 * nothing with packet-parser.ts or ticker-encoder.ts, so tests built on it catch a layout mistake
 * that a parser/encoder round trip would repeat on both sides.
 */
export class WireBytes {
  private readonly bytes: number[] = [];

  u8(value: number): this {
    this.bytes.push(value & 0xff);
    return this;
  }

  u16(value: number): this {
    return this.u8(value >>> 8).u8(value);
  }

  u32(value: number): this {
    return this.u8(value >>> 24).u8(value >>> 16).u8(value >>> 8).u8(value);
  }

  /** Two's complement: the same bytes as u32 for non-negative values. */
  i32(value: number): this {
    return this.u32(value >>> 0);
  }

  get length(): number {
    return this.bytes.length;
  }

  toBuffer(): Buffer {
    return Buffer.from(this.bytes);
  }
}

/** A binary message: uint16 count, then per packet uint16 length + bytes. */
export function wireMessage(packets: readonly WireBytes[]): Buffer {
  const message = new WireBytes().u16(packets.length);
  for (const packet of packets) {
    message.u16(packet.length);
    for (const byte of packet.toBuffer()) message.u8(byte);
  }
  return message.toBuffer();
}
