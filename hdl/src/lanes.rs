//! 128-bit values carried as four 32-bit lanes (lane 0 holds the first four octets), and the
//! Verilog text shared by the leaves' hand-written bodies.

/// Lanes of a byte block.
pub fn from_bytes(b: &[u8; 16]) -> [u32; 4] {
    let mut l = [0u32; 4];
    for (i, c) in b.chunks(4).enumerate() {
        l[i] = u32::from_be_bytes([c[0], c[1], c[2], c[3]]);
    }
    l
}

pub fn to_bytes(l: [u32; 4]) -> [u8; 16] {
    let mut b = [0u8; 16];
    for (i, w) in l.iter().enumerate() {
        b[4 * i..4 * i + 4].copy_from_slice(&w.to_be_bytes());
    }
    b
}

/// The lanes' masks for a byte mask whose bit 15 is octet 0.
#[inline]
pub fn lane_masks(mask: u16) -> [u32; 4] {
    let mut m = [0u32; 4];
    for (i, lane) in m.iter_mut().enumerate() {
        let nib = (mask >> (12 - 4 * i)) & 0xF;
        for b in 0..4 {
            if nib & (8 >> b) != 0 {
                *lane |= 0xFF00_0000 >> (8 * b);
            }
        }
    }
    m
}

/// A Verilog function turning a 16-bit byte mask into a 128-bit bit mask.
pub fn verilog_mask_function() -> String {
    "function [127:0] byte_mask;
  input [15:0] m;
  integer i;
  begin
    for (i = 0; i < 16; i = i + 1) byte_mask[8*i +: 8] = m[i] ? 8'hff : 8'h00;
  end
endfunction
"
    .into()
}
