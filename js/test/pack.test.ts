import { describe, expect, it } from "vitest";
import { decodeArray } from "../src/lib/codec";
import { recordedInvoke } from "../src/lib/model";
import { blockOf, unpackBlock } from "../src/lib/pack";
import { requestKey } from "../src/lib/request";

// Written by saewidgets/widgets/export/_html.py pack_block: card 7 -> {a: float32 [1.5, -2]},
// card 123456 -> 3 with a 3-byte buffer "abc".
const BLOCK =
  "H4sIAAAAAAACA3XMuw3CMBQF0DvLrd2A+ckNg9hP6CXYorAQMnGayGswT0ZLUiJEe4rzAeA9fWCv5R5opsAUdaglBrpz" +
  "k1U4aq6RbqLSPWvOzbCrKcVye+nweNOtg1KkGX8RMX+73d4ejqev0/5U22JFBFCgm9FfZyyfYctypgAAAA==";

describe("packed answers", () => {
  it("hashes request keys to the blocks Python put them in", () => {
    expect(blockOf(requestKey("card", { feature: 7 }), 1000)).toBe(832);
    expect(blockOf(requestKey("card", { feature: 123456 }), 1000)).toBe(476);
    expect(blockOf(requestKey("x", { q: "café 🙂" }), 97)).toBe(32);
  });

  it("decodes a block's responses and buffers", async () => {
    const block = await unpackBlock(BLOCK);
    const [response, buffers] = block.get('["card",{"feature":7}]') ?? [null, []];
    expect(response).toEqual({ value: { a: null }, buffer_paths: [["a"]] });
    expect(Array.from(decodeArray({ data: buffers[0], dtype: "float32", shape: [2] }).data)).toEqual([1.5, -2]);
    const [, other] = block.get('["card",{"feature":123456}]') ?? [null, []];
    expect(new TextDecoder().decode(other[0])).toBe("abc");
  });

  it("answers from a packed block after the recorded responses, else rejects", async () => {
    const invoke = recordedInvoke({}, [BLOCK]);
    const [response] = await invoke("card", { feature: 123456 });
    expect(response).toEqual({ value: 3, buffer_paths: [] });
    await expect(invoke("card", { feature: 8 })).rejects.toThrow(/needs a running Python kernel/);
  });
});
