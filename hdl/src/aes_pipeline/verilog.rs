//! The AES pipeline's Verilog body: a round-key memory per stage with its write port and its
//! registered read, stages 1..14's lookups in T-box ROMs of two read ports each (the shape of a
//! dual-port block RAM), the logic between them, and the slot numbers travelling beside the
//! blocks.

use rust_hdl::prelude::*;

use super::{AES128_START, KEYS, KEY_BITS, ROUNDS, STAGES};
use crate::aes;

/// Round-key memory `r` with its write port and its read register.
fn key_memory(r: usize) -> String {
    let addr = if r == 0 {
        "key_in".to_string()
    } else {
        format!("kid[{kb}*{p} +: {kb}]", kb = KEY_BITS, p = r - 1)
    };
    format!(
        "reg [127:0] rk{r} [0:{km1}];
reg [127:0] rd{r};
initial begin
  for (i = 0; i <= {km1}; i = i + 1) rk{r}[i] = 128'd0;
  rd{r} = 128'd0;
end
always @(posedge clock) begin
  if (rk_wipe || (rk_we && rk_round == 4'd{r})) rk{r}[rk_addr] <= {{rk_data0, rk_data1, rk_data2, rk_data3}};
  if (reset) rd{r} <= 128'd0;
  else if (en) rd{r} <= rk{r}[{addr}];
end
",
        km1 = KEYS - 1,
    )
}

/// Stage `r`'s sixteen lookups of x_{r-1}, ShiftRows on the way: lookup 4j + k (column j, row
/// k) takes octet k of column (j + k) mod 4. Lookups 2n and 2n + 1 share ROM `t{r}_{n}`.
fn lookups(r: usize) -> String {
    let mut v = String::new();
    for n in 0..8 {
        v += &format!(
            "(* rom_style = \"block\" *) reg [15:0] t{r}_{n} [0:255];
/* ROM */ initial for (t = 0; t < 256; t = t + 1) t{r}_{n}[t] = TBOX[16*t +: 16];
"
        );
    }
    v += &format!("reg [255:0] q{r};\ninitial q{r} = 256'd0;\nalways @(posedge clock)\n");
    v += &format!("  if (reset) q{r} <= 256'd0;\n  else if (en) begin\n");
    for l in 0..16 {
        let (j, k) = (l / 4, l % 4);
        let hi = 127 - 32 * ((j + k) % 4) - 8 * k;
        v += &format!(
            "    q{r}[{qh}:{ql}] <= t{r}_{n}[x{p}[{hi}:{lo}]];\n",
            qh = 255 - 16 * l,
            ql = 240 - 16 * l,
            n = l / 2,
            p = r - 1,
            lo = hi - 7,
        );
    }
    v + "  end\n"
}

pub fn body() -> Verilog {
    let mut mems = String::new();
    for r in 0..ROUNDS {
        mems += &key_memory(r);
    }
    let last = ROUNDS - 1;
    // x_r for r < 14: stage r's output to the next lookups.
    let mut xs = String::from("wire [127:0] x0 = p[127:0] ^ rd0;\n");
    for r in 1..last {
        let v = if r == AES128_START {
            format!("(k256[{r}] ? mix(q{r}) : p[128*{r} +: 128])")
        } else {
            format!("mix(q{r})")
        };
        xs += &format!("wire [127:0] x{r} = {v} ^ rd{r};\n");
        mems += &lookups(r);
    }
    mems += &lookups(last);
    Verilog::Custom(format!(
        r#"
{tbox}// MixColumns of sixteen lookups: lookup 4j + k is column j, row k, S in its bits 15:8 and
// 2·S in 7:0; 3·S = 2·S ^ S.
function [127:0] mix;
  input [255:0] q;
  integer j;
  reg [7:0] s0, s1, s2, s3, d0, d1, d2, d3;
  begin
for (j = 0; j < 4; j = j + 1) begin
  {{s0, d0, s1, d1, s2, d2, s3, d3}} = q[255 - 64*j -: 64];
  mix[127 - 32*j -: 32] = {{d0 ^ d1 ^ s1 ^ s2 ^ s3, s0 ^ d1 ^ d2 ^ s2 ^ s3,
                           s0 ^ s1 ^ d2 ^ d3 ^ s3, d0 ^ s0 ^ s1 ^ s2 ^ d3}};
end
  end
endfunction
// The S parts of sixteen lookups (the last round has no MixColumns).
function [127:0] sub;
  input [255:0] q;
  integer l;
  begin
for (l = 0; l < 16; l = l + 1) sub[127 - 8*l -: 8] = q[255 - 16*l -: 8];
  end
endfunction
// Beside the blocks, packed: stage g in bits [W*g +: W]. p: the block at stage 0 and AES-128
// blocks waiting at stages 1..{start}.
reg [128*{stages}-1:0] aux;
reg [32*{stages}-1:0] meta;
reg [{kb}*{stages}-1:0] kid;
reg [{start}:0] k256;
reg [128*{start_p1}-1:0] p;
reg [127:0] so;
// i for loops, t for the ROMs' (Yosys takes a loop variable's last value as its initial one).
integer i, t;
initial begin
  aux = 0; meta = 0; kid = 0; k256 = 0; p = 0; so = 0;
end
{mems}{xs}wire [127:0] x{last} = sub(q{last}) ^ rd{last};
always @(posedge clock) begin
  if (reset) begin
aux <= 0; meta <= 0; kid <= 0; k256 <= 0; p <= 0; so <= 0;
  end else if (en) begin
so <= x{last};
for (i = 1; i <= {st_m1}; i = i + 1) begin
  aux[128*i +: 128] <= aux[128*(i-1) +: 128];
  meta[32*i +: 32] <= meta[32*(i-1) +: 32];
  kid[{kb}*i +: {kb}] <= kid[{kb}*(i-1) +: {kb}];
end
for (i = 1; i <= {start}; i = i + 1) begin
  k256[i] <= k256[i-1];
  p[128*i +: 128] <= p[128*(i-1) +: 128];
end
p[127:0] <= {{s_in0, s_in1, s_in2, s_in3}};
aux[127:0] <= {{aux_in0, aux_in1, aux_in2, aux_in3}};
meta[31:0] <= meta_in;
kid[{kb}-1:0] <= key_in;
k256[0] <= k256_in;
  end
end
always @(*) begin
  {{s_out0, s_out1, s_out2, s_out3}} = so;
  {{aux_out0, aux_out1, aux_out2, aux_out3}} = aux[128*{st_m1} +: 128];
  meta_out = meta[32*{st_m1} +: 32];
  key_out = kid[{kb}*{st_m1} +: {kb}];
  key_next = kid[{kb}*{st_m2} +: {kb}];
end
"#,
        tbox = aes::verilog_tbox(),
        stages = STAGES,
        start = AES128_START,
        start_p1 = AES128_START + 1,
        st_m1 = STAGES - 1,
        st_m2 = STAGES - 2,
        kb = KEY_BITS,
    ))
}
