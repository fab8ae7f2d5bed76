//! The AES pipeline's Verilog body: a memory per round with its write port and its registered
//! read, the fifteen stages, and the slot numbers travelling beside the blocks.

use rust_hdl::prelude::*;

use super::{KEYS, KEY_BITS, STAGES};
use crate::aes;

pub fn body() -> Verilog {
    // One memory per round with its write port and its registered read; round memories 0
    // and 1 are addressed by the block entering stage 0, memory r by the block entering
    // stage r - 1 (the one in stage r - 2).
    let mut rams = String::new();
    let reads: Vec<String> = (0..STAGES).rev().map(|r| format!("rd{r}")).collect();
    for r in 0..STAGES {
        let addr = if r < 2 {
            "key_in".to_string()
        } else {
            format!("kid[{kb}*{p} +: {kb}]", kb = KEY_BITS, p = r - 2)
        };
        rams += &format!(
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
        );
    }
    Verilog::Custom(format!(
        r#"
{functions}
function [31:0] mix_column;
  input [31:0] c;
  reg [7:0] a0, a1, a2, a3;
  begin
a0 = c[31:24]; a1 = c[23:16]; a2 = c[15:8]; a3 = c[7:0];
mix_column = {{xtime(a0) ^ xtime(a1) ^ a1 ^ a2 ^ a3,
               a0 ^ xtime(a1) ^ xtime(a2) ^ a2 ^ a3,
               a0 ^ a1 ^ xtime(a2) ^ xtime(a3) ^ a3,
               xtime(a0) ^ a0 ^ a1 ^ a2 ^ xtime(a3)}};
  end
endfunction
// SubBytes and ShiftRows: output column j, row r comes from input column (j + r) mod 4.
function [127:0] sub_shift;
  input [127:0] s;
  integer j, r;
  begin
for (j = 0; j < 4; j = j + 1)
  for (r = 0; r < 4; r = r + 1)
    sub_shift[127 - 32*j - 8*r -: 8] = sbox(s[127 - 32*((j + r) % 4) - 8*r -: 8]);
  end
endfunction
// Round 1..14: rounds before the last mix columns; the last does not; AES-128 blocks pass
// rounds 11..14 unchanged.
function [127:0] stage;
  input [3:0] round;
  input [127:0] s;
  input [127:0] rk;
  input k256;
  reg [127:0] ss;
  begin
ss = sub_shift(s);
if (round < (k256 ? 4'd14 : 4'd10))
  stage = {{mix_column(ss[127:96]), mix_column(ss[95:64]), mix_column(ss[63:32]), mix_column(ss[31:0])}} ^ rk;
else if (round == (k256 ? 4'd14 : 4'd10)) stage = ss ^ rk;
else stage = s;
  end
endfunction
// The stages' registers, packed: stage g in bits [W*g +: W]; rd: the round memories' reads.
reg [128*{stages}-1:0] st;
reg [128*{stages}-1:0] aux;
reg [32*{stages}-1:0] meta;
reg [{kb}*{stages}-1:0] kid;
reg [{stages}-1:0] k256;
integer i;
initial begin
  st = 0; aux = 0; meta = 0; kid = 0; k256 = 0;
end
{rams}wire [128*{stages}-1:0] rd = {{{reads}}};
always @(posedge clock) begin
  if (reset) begin
st <= 0; aux <= 0; meta <= 0; kid <= 0; k256 <= 0;
  end else if (en) begin
for (i = 2; i <= {st_m1}; i = i + 1)
  st[128*i +: 128] <= stage(i[3:0], st[128*(i-1) +: 128], rd[128*i +: 128], k256[i-1]);
st[255:128] <= stage(4'd1, st[127:0] ^ rd[127:0], rd[255:128], k256[0]);
for (i = 1; i <= {st_m1}; i = i + 1) begin
  aux[128*i +: 128] <= aux[128*(i-1) +: 128];
  meta[32*i +: 32] <= meta[32*(i-1) +: 32];
  kid[{kb}*i +: {kb}] <= kid[{kb}*(i-1) +: {kb}];
  k256[i] <= k256[i-1];
end
st[127:0] <= {{s_in0, s_in1, s_in2, s_in3}};
aux[127:0] <= {{aux_in0, aux_in1, aux_in2, aux_in3}};
meta[31:0] <= meta_in;
kid[{kb}-1:0] <= key_in;
k256[0] <= k256_in;
  end
end
always @(*) begin
  {{s_out0, s_out1, s_out2, s_out3}} = st[128*{st_m1} +: 128];
  {{aux_out0, aux_out1, aux_out2, aux_out3}} = aux[128*{st_m1} +: 128];
  meta_out = meta[32*{st_m1} +: 32];
  key_out = kid[{kb}*{st_m1} +: {kb}];
  key_next = kid[{kb}*{st_m2} +: {kb}];
end
"#,
        functions = aes::verilog_functions(),
        reads = reads.join(", "),
        stages = STAGES,
        st_m1 = STAGES - 1,
        st_m2 = STAGES - 2,
        kb = KEY_BITS,
    ))
}
