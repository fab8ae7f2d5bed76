//! GF(2^128) multiplication as GHASH defines it (NIST SP 800-38D, 6.3): blocks read big-endian,
//! bit 0 the most significant, reduction by x^128 + x^7 + x^2 + x + 1.

/// X · Y in GHASH's field: one block of GHASH keyed by Y (RustCrypto's `ghash`, which uses
/// the machine's carry-less multiply where it has one). The simulation's leaves call this each
/// cycle; [`mul_bitwise`] is the same product written as the Verilog function computes it.
#[inline]
pub fn mul(x: u128, y: u128) -> u128 {
    use ::ghash::universal_hash::{KeyInit, UniversalHash};
    let mut g = ::ghash::GHash::new(&y.to_be_bytes().into());
    g.update(&[x.to_be_bytes().into()]);
    u128::from_be_bytes(g.finalize().into())
}

/// X · Y bit by bit, most significant bit of X first, as [`verilog_function`] does it.
pub fn mul_bitwise(x: u128, y: u128) -> u128 {
    const R: u128 = 0xE1 << 120;
    let mut z = 0u128;
    let mut v = y;
    let mut x = x;
    for _ in 0..128 {
        // Bit 0 (most significant) of X first.
        z ^= v & 0u128.wrapping_sub(x >> 127);
        x <<= 1;
        let lsb = v & 1;
        v = (v >> 1) ^ (R & 0u128.wrapping_sub(lsb));
    }
    z
}

pub fn from_lanes(l: [u32; 4]) -> u128 {
    (l[0] as u128) << 96 | (l[1] as u128) << 64 | (l[2] as u128) << 32 | l[3] as u128
}

pub fn to_lanes(v: u128) -> [u32; 4] {
    [
        (v >> 96) as u32,
        (v >> 64) as u32,
        (v >> 32) as u32,
        v as u32,
    ]
}

/// The same multiplication as a Verilog function.
pub fn verilog_function() -> String {
    "function [127:0] gf_mul;
  input [127:0] x;
  input [127:0] y;
  reg [127:0] z;
  reg [127:0] v;
  integer i;
  begin
    z = 128'd0;
    v = y;
    for (i = 127; i >= 0; i = i - 1) begin
      if (x[i]) z = z ^ v;
      if (v[0]) v = (v >> 1) ^ {8'he1, 120'd0};
      else v = v >> 1;
    end
    gf_mul = z;
  end
endfunction
"
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::ghash::universal_hash::{KeyInit, UniversalHash};
    use ghash::{GHash, Key};

    #[test]
    fn one_block_ghash_equals_rustcrypto() {
        let mut seed = 0x1234_5678_9abc_def0_u128;
        for _ in 0..200 {
            seed = seed
                .wrapping_mul(0x2545_F491_4F6C_DD1D)
                .wrapping_add(0x9E37);
            let h = seed.rotate_left(17);
            let x = seed.rotate_left(71) ^ 0x5555;
            // GHASH of one block is X · H.
            let mut g = GHash::new(Key::from_slice(&h.to_be_bytes()));
            g.update(&[x.to_be_bytes().into()]);
            let want = u128::from_be_bytes(g.finalize().into());
            assert_eq!(mul(x, h), want);
            assert_eq!(mul_bitwise(x, h), want);
        }
        // The edges of the field: zero, one (bit 0 set) and all ones, either side.
        let one = 1u128 << 127;
        for (x, y) in [
            (0, 0),
            (one, one),
            (u128::MAX, 0),
            (u128::MAX, u128::MAX),
            (one, 7),
        ] {
            assert_eq!(mul(x, y), mul_bitwise(x, y));
            assert_eq!(mul(y, x), mul_bitwise(y, x));
        }
    }
}
