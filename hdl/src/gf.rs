//! GF(2^128) multiplication as GHASH defines it (NIST SP 800-38D, 6.3): blocks read big-endian,
//! bit 0 the most significant, reduction by x^128 + x^7 + x^2 + x + 1.

/// X · Y in GHASH's field: one block of GHASH keyed by Y (RustCrypto's `ghash`, which uses
/// the machine's carry-less multiply where it has one). The simulation's leaves call this each
/// cycle; [`mul_rows`] is the same product computed as the Verilog does it.
#[inline]
pub fn mul(x: u128, y: u128) -> u128 {
    use ::ghash::universal_hash::{KeyInit, UniversalHash};
    let mut g = ::ghash::GHash::new(&y.to_be_bytes().into());
    g.update(&[x.to_be_bytes().into()]);
    u128::from_be_bytes(g.finalize().into())
}

/// Rows of the schoolbook product taken three at a time (the Verilog's kept partial sums).
const ROWS_PER_CHUNK: usize = 3;

/// X · Y as the Verilog of [`verilog_multiplier`] computes it: the 255 coefficients of the
/// carry-less product (X's coefficient i, bit 127 - i, selects row i: Y shifted by i), then
/// the reduction by x^128 + x^7 + x^2 + x + 1 in two folds.
pub fn mul_rows(x: u128, y: u128) -> u128 {
    // Coefficient k of the product (the Verilog's bit 254 - k).
    let mut p = [false; 255];
    let xc = |i: usize| x >> (127 - i) & 1 != 0;
    let yc = |j: usize| y >> (127 - j) & 1 != 0;
    for i in 0..128 {
        if xc(i) {
            for j in 0..128 {
                p[i + j] ^= yc(j);
            }
        }
    }
    // As the Verilog's bit vectors: L the low coefficients, H the high ones moved down by
    // x^128, G what H·x^2 and H·x^7 push past x^127 (a right shift is a multiply by x here).
    let bits = |r: std::ops::Range<usize>| {
        r.clone()
            .fold(0u128, |v, k| v | (p[k] as u128) << (127 - (k - r.start)))
    };
    let l = bits(0..128);
    let h = bits(128..255);
    let g = (h << 121) ^ (h << 126);
    l ^ h ^ (h >> 1) ^ (h >> 2) ^ (h >> 7) ^ g ^ (g >> 1) ^ (g >> 2) ^ (g >> 7)
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

/// The reduction of a carry-less product (coefficient k at bit 254 - k) as a Verilog function.
pub fn verilog_function() -> String {
    // P is {L, H}: L the coefficients 0..127 (bits 254:127), H those of 128..254 (bits 126:0).
    // x^128 = 1 + x + x^2 + x^7, so H adds H·(1 + x + x^2 + x^7), a shift right each in this
    // bit order; what that pushes past x^127 (G, degree at most 5) is folded in the same way.
    "function [127:0] gf_reduce;
  input [254:0] p;
  reg [127:0] h;
  reg [127:0] g;
  begin
    h = {p[126:0], 1'b0};
    g = {h[6:0], 121'd0} ^ {h[1:0], 126'd0};
    gf_reduce = p[254:127] ^ h ^ (h >> 1) ^ (h >> 2) ^ (h >> 7) ^ g ^ (g >> 1) ^ (g >> 2) ^ (g >> 7);
  end
endfunction
"
    .into()
}

/// Wires computing `{n} = a · b` (128-bit Verilog expressions) with [`verilog_function`]'s
/// `gf_reduce`: the product's 128 rows XORed three at a time into kept 255-bit partial sums,
/// so each bit of one is a single 6-input LUT (three AND pairs), and the sums' XOR tree and
/// the reduction after them. Left to itself, Yosys's ABC maps the multiplication, written as a
/// loop that reduces as it goes, to about twice the LUTs (docs/performance.md).
pub fn verilog_multiplier(n: &str, a: &str, b: &str) -> String {
    let mut v = format!("wire [127:0] {n}_a = {a};\nwire [254:0] {n}_y = {{{b}, 127'd0}};\n");
    let chunks = 128usize.div_ceil(ROWS_PER_CHUNK);
    for c in 0..chunks {
        let rows: Vec<String> = (ROWS_PER_CHUNK * c..(ROWS_PER_CHUNK * (c + 1)).min(128))
            .map(|i| format!("({{255{{{n}_a[{}]}}}} & ({n}_y >> {i}))", 127 - i))
            .collect();
        v += &format!("(* keep *) wire [254:0] {n}_c{c} = {};\n", rows.join(" ^ "));
    }
    let sums: Vec<String> = (0..chunks).map(|c| format!("{n}_c{c}")).collect();
    v += &format!("wire [254:0] {n}_p = {};\n", sums.join(" ^ "));
    v += &format!("wire [127:0] {n} = gf_reduce({n}_p);\n");
    v
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
            assert_eq!(mul_rows(x, h), want);
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
            assert_eq!(mul(x, y), mul_rows(x, y));
            assert_eq!(mul(y, x), mul_rows(y, x));
        }
    }
}
