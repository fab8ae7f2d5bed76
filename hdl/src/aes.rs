//! AES (FIPS-197) for the RTL: the S-box and round functions on four 32-bit lanes (column c of
//! the state is lane c, its first byte in bits 31:24), used by the leaves' simulation, and the
//! same functions as Verilog text for their hand-written bodies.

/// The AES S-box.
pub const SBOX: [u8; 256] = {
    // Generated from the multiplicative inverse in GF(2^8) and the affine map, at compile time.
    let mut s = [0u8; 256];
    let mut p: u8 = 1;
    let mut q: u8 = 1;
    loop {
        // p walks the multiplicative group by 3, q by its inverse 1/3.
        p = p ^ (p << 1) ^ (if p & 0x80 != 0 { 0x1B } else { 0 });
        q ^= q << 1;
        q ^= q << 2;
        q ^= q << 4;
        if q & 0x80 != 0 {
            q ^= 0x09;
        }
        let x = q ^ q.rotate_left(1) ^ q.rotate_left(2) ^ q.rotate_left(3) ^ q.rotate_left(4);
        s[p as usize] = x ^ 0x63;
        if p == 1 {
            break;
        }
    }
    s[0] = 0x63;
    s
};

const fn xtime(b: u8) -> u8 {
    (b << 1) ^ if b & 0x80 != 0 { 0x1B } else { 0 }
}

/// T0[x] = (2·S[x], S[x], S[x], 3·S[x]) as a big-endian column; T1..T3 are byte rotations.
const T0: [u32; 256] = {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let s = SBOX[i];
        let s2 = xtime(s);
        let s3 = s2 ^ s;
        t[i] = (s2 as u32) << 24 | (s as u32) << 16 | (s as u32) << 8 | s3 as u32;
        i += 1;
    }
    t
};

/// The pipeline's T-box, one 16-bit word per input octet: S[x] in bits 15:8 and 2·S[x] in bits
/// 7:0, so that MixColumns after the lookup is XORs only (3·S = 2·S ⊕ S). Sixteen bits fit a
/// block RAM port of 18.
pub const TBOX: [u16; 256] = {
    let mut t = [0u16; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = (SBOX[i] as u16) << 8 | xtime(SBOX[i]) as u16;
        i += 1;
    }
    t
};

/// The T-box as one Verilog constant, `TBOX[16*x +: 16]` the word of octet x.
pub fn verilog_tbox() -> String {
    let hex: String = TBOX.iter().rev().map(|w| format!("{w:04x}")).collect();
    format!("localparam [4095:0] TBOX = 4096'h{hex};\n")
}

#[inline(always)]
fn t(n: u32, x: u32) -> u32 {
    T0[(x & 0xFF) as usize].rotate_right(8 * n)
}

/// One full round: SubBytes, ShiftRows, MixColumns, AddRoundKey.
#[inline]
pub fn round(s: [u32; 4], rk: [u32; 4]) -> [u32; 4] {
    let mut o = [0u32; 4];
    for j in 0..4 {
        o[j] = t(0, s[j] >> 24)
            ^ t(1, s[(j + 1) & 3] >> 16)
            ^ t(2, s[(j + 2) & 3] >> 8)
            ^ t(3, s[(j + 3) & 3])
            ^ rk[j];
    }
    o
}

/// The last round: SubBytes, ShiftRows, AddRoundKey.
#[inline]
pub fn final_round(s: [u32; 4], rk: [u32; 4]) -> [u32; 4] {
    let sb = |x: u32| SBOX[(x & 0xFF) as usize] as u32;
    let mut o = [0u32; 4];
    for j in 0..4 {
        o[j] = (sb(s[j] >> 24) << 24
            | sb(s[(j + 1) & 3] >> 16) << 16
            | sb(s[(j + 2) & 3] >> 8) << 8
            | sb(s[(j + 3) & 3]))
            ^ rk[j];
    }
    o
}

fn sub_word(w: u32) -> u32 {
    u32::from_be_bytes(w.to_be_bytes().map(|b| SBOX[b as usize]))
}

/// The round constants.
pub const RCON: [u8; 10] = [0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0x1B, 0x36];

/// The round keys of a 128- or 256-bit key (11 or 15), each as four lanes.
pub fn expand(key: &[u32]) -> Vec<[u32; 4]> {
    let nk = key.len();
    let rounds = nk + 6;
    let mut w: Vec<u32> = key.to_vec();
    for i in nk..4 * (rounds + 1) {
        let mut temp = w[i - 1];
        if i % nk == 0 {
            temp = sub_word(temp.rotate_left(8)) ^ (RCON[i / nk - 1] as u32) << 24;
        } else if nk > 6 && i % nk == 4 {
            temp = sub_word(temp);
        }
        w.push(w[i - nk] ^ temp);
    }
    w.chunks(4).map(|c| [c[0], c[1], c[2], c[3]]).collect()
}

/// Encrypt one block with expanded keys (reference for the pipeline's tests).
pub fn encrypt(rks: &[[u32; 4]], block: [u32; 4]) -> [u32; 4] {
    let mut s = [0u32; 4];
    for j in 0..4 {
        s[j] = block[j] ^ rks[0][j];
    }
    let n = rks.len() - 1;
    for rk in &rks[1..n] {
        s = round(s, *rk);
    }
    final_round(s, rks[n])
}

/// Verilog functions `sbox`, `xtime`, `sub_word` for the hand-written bodies.
pub fn verilog_functions() -> String {
    let mut v = String::from("function [7:0] sbox;\n  input [7:0] x;\n  case (x)\n");
    for (i, s) in SBOX.iter().enumerate() {
        v += &format!("    8'h{i:02x}: sbox = 8'h{s:02x};\n");
    }
    v += "  endcase\nendfunction\n";
    v += "function [7:0] xtime;\n  input [7:0] b;\n  xtime = {b[6:0], 1'b0} ^ (b[7] ? 8'h1b : 8'h00);\nendfunction\n";
    v += "function [31:0] sub_word;\n  input [31:0] w;\n  sub_word = {sbox(w[31:24]), sbox(w[23:16]), sbox(w[15:8]), sbox(w[7:0])};\nendfunction\n";
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use aes::cipher::{BlockEncrypt, KeyInit};

    fn lanes(b: &[u8]) -> Vec<u32> {
        b.chunks(4)
            .map(|c| u32::from_be_bytes([c[0], c[1], c[2], c[3]]))
            .collect()
    }

    #[test]
    fn sbox_spot_values() {
        assert_eq!(
            (SBOX[0x00], SBOX[0x01], SBOX[0x53], SBOX[0xFF]),
            (0x63, 0x7C, 0xED, 0x16)
        );
    }

    #[test]
    fn matches_rustcrypto_for_both_key_sizes() {
        for len in [16usize, 32] {
            for seed in 0..50u8 {
                let key: Vec<u8> = (0..len).map(|i| (i as u8).wrapping_mul(7) ^ seed).collect();
                let pt: Vec<u8> = (0..16).map(|i| (i as u8).wrapping_mul(13) ^ seed).collect();
                let rks = expand(&lanes(&key));
                let l = lanes(&pt);
                let ct = encrypt(&rks, [l[0], l[1], l[2], l[3]]);
                let mut blk = aes::Block::clone_from_slice(&pt);
                if len == 16 {
                    aes::Aes128::new_from_slice(&key)
                        .unwrap()
                        .encrypt_block(&mut blk);
                } else {
                    aes::Aes256::new_from_slice(&key)
                        .unwrap()
                        .encrypt_block(&mut blk);
                }
                assert_eq!(lanes(&blk), ct.to_vec(), "key {len} seed {seed}");
            }
        }
    }
}
