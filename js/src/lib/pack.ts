// Compressed parts of a standalone export (saewidgets/widgets/export/_html.py): buffers gzip-compressed
// (whole, or split into 4 byte planes), and blocks of recorded answers (`pack_block`) that the
// page decodes only when one of their requests is made. Decompression: the browser's native
// DecompressionStream.

import { base64ToDataView } from "./codec";

/** A recorded answer: the response and its binary buffers. */
export type Answer = [unknown, DataView[]];

/** Gunzips `bytes` with the browser's DecompressionStream. */
export async function gunzip(bytes: DataView | Uint8Array): Promise<Uint8Array> {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>]);
  const stream = blob.stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Bytes split into 4 planes (all first bytes, then all second bytes, ...) put back in order. */
export function interleave4(planes: Uint8Array): Uint8Array {
  const n = planes.length / 4;
  const out = new Uint8Array(planes.length);
  for (let b = 0; b < 4; b++) {
    const plane = planes.subarray(b * n, (b + 1) * n);
    for (let i = 0; i < n; i++) out[4 * i + b] = plane[i];
  }
  return out;
}

/** A buffer of an export: codec "" (as is), "gzip" or "gzip4" (gzip of 4 byte planes). */
export async function unpack(codec: string, text: string): Promise<DataView> {
  const bytes = base64ToDataView(text);
  if (codec === "") return bytes;
  if (codec !== "gzip" && codec !== "gzip4") throw new Error(`unknown buffer codec "${codec}"`);
  const raw = await gunzip(bytes);
  const out = codec === "gzip4" ? interleave4(raw) : raw;
  return new DataView(out.buffer, out.byteOffset, out.byteLength);
}

/** The block of `nBlocks` holding request `key`: FNV-1a (32 bit) of its UTF-8 bytes (mirrors
 * `block_of` in export/_html.py). */
export function blockOf(key: string, nBlocks: number): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(key)) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  return h % nBlocks;
}

/** A decoded block: request key -> answer. Layout (`pack_block`): gzip of a little-endian
 * uint32 length, that many bytes of JSON [[key, response, [buffer lengths]], ...], then the
 * buffers (each padded to 4 bytes) as 4 byte planes. */
export async function unpackBlock(text: string): Promise<Map<string, Answer>> {
  const raw = await gunzip(base64ToDataView(text));
  const n = new DataView(raw.buffer, raw.byteOffset, 4).getUint32(0, true);
  const head = JSON.parse(new TextDecoder().decode(raw.subarray(4, 4 + n))) as [string, unknown, number[]][];
  const binary = interleave4(raw.subarray(4 + n));
  const out = new Map<string, Answer>();
  let offset = 0;
  for (const [key, response, lengths] of head) {
    const views = lengths.map((len) => {
      const view = new DataView(binary.buffer, binary.byteOffset + offset, len);
      offset += len + ((4 - (len % 4)) % 4);
      return view;
    });
    out.set(key, [response, views]);
  }
  if (offset !== binary.length) throw new Error("a packed block's buffers do not add up");
  return out;
}

/** Looks requests up in packed blocks, decoding (and keeping) a block on its first use. */
export function packedLookup(blocks: string[]): (key: string) => Promise<Answer | undefined> {
  const decoded = new Map<number, Promise<Map<string, Answer>>>();
  return async (key) => {
    if (blocks.length === 0) return undefined;
    const b = blockOf(key, blocks.length);
    if (!decoded.has(b)) decoded.set(b, unpackBlock(blocks[b]));
    return (await decoded.get(b))?.get(key);
  };
}
