// Decoders for the binary arrays sent by saewidgets/_widgets/_codecs.py: a trait value
// {data: DataView, dtype, shape} becomes a typed array plus its shape (row-major).

export type DType = "float32" | "float64" | "int8" | "int16" | "int32" | "uint8" | "uint16" | "uint32";

export type TypedArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | Uint16Array
  | Uint32Array;

export interface WireArray {
  data: DataView | ArrayBuffer | Uint8Array;
  dtype: DType;
  shape: number[];
}

export interface NDArray {
  data: TypedArray;
  shape: number[];
}

const CONSTRUCTORS = {
  float32: Float32Array,
  float64: Float64Array,
  int8: Int8Array,
  int16: Int16Array,
  int32: Int32Array,
  uint8: Uint8Array,
  uint16: Uint16Array,
  uint32: Uint32Array,
} as const;

/** Turns a wire array into a typed array (copying only when the bytes are misaligned). */
export function decodeArray(wire: WireArray): NDArray {
  const ctor = CONSTRUCTORS[wire.dtype];
  if (ctor === undefined) throw new Error(`unsupported dtype ${String(wire.dtype)}`);
  const size = wire.shape.reduce((a, b) => a * b, 1);
  const bytes =
    wire.data instanceof ArrayBuffer
      ? new Uint8Array(wire.data)
      : new Uint8Array(wire.data.buffer, wire.data.byteOffset, wire.data.byteLength);
  if (bytes.byteLength !== size * ctor.BYTES_PER_ELEMENT) {
    throw new Error(
      `array of shape [${wire.shape.join(", ")}] ${wire.dtype} needs ` +
        `${size * ctor.BYTES_PER_ELEMENT} bytes, got ${bytes.byteLength}`,
    );
  }
  const aligned =
    bytes.byteOffset % ctor.BYTES_PER_ELEMENT === 0 ? bytes : new Uint8Array(bytes.slice());
  const buffer = aligned.buffer as ArrayBuffer;
  return { data: new ctor(buffer, aligned.byteOffset, size), shape: wire.shape };
}

/** Row `i` of a 2-D array as a view. */
export function row(array: NDArray, i: number): TypedArray {
  const width = array.shape[1] ?? 1;
  return array.data.subarray(i * width, (i + 1) * width);
}

/** Decodes standard base64 into a DataView (used by the standalone export). */
export function base64ToDataView(text: string): DataView {
  const native = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array }).fromBase64;
  if (native !== undefined) return new DataView(native(text).buffer);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new DataView(bytes.buffer);
}

/** Puts each buffer back into `state` at its path (the inverse of Python's buffer extraction). */
export function putBuffers(
  state: Record<string, unknown>,
  paths: (string | number)[][],
  buffers: DataView[],
): void {
  paths.forEach((path, i) => {
    if (path.length === 0) throw new Error("empty buffer path");
    let node = state as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    node[path[path.length - 1]] = buffers[i];
  });
}
