const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

/** Lower-case base32: safe in a mail local part (`reply+<token>@`), which some servers lower-case. */
export function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    // Only the low `bits` are read: the int32 dropping older high bits is harmless.
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}
