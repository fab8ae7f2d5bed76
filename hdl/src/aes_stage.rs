//! One stage of the AES pipeline: one round per stage, its round key read by the key slot of
//! the block passing through (round keys are stored per slot when a key is installed), and the
//! payload travelling beside the block. Stage 0 is the initial AddRoundKey; stages 1..14 are the
//! rounds, AES-128 blocks passing stages 11..14 unchanged, so both key sizes take 15 cycles.

use rust_hdl::prelude::*;

use crate::aes;

/// Key slots addressed by a 7-bit key index.
pub const KEY_BITS: usize = 7;
pub const KEYS: usize = 1 << KEY_BITS;

#[derive(LogicBlock, Default, Debug)]
pub struct AesStage {
    pub clock: Signal<In, Clock>,
    pub reset: Signal<In, Bit>,
    /// Pipeline advance.
    pub en: Signal<In, Bit>,
    /// This stage's round, 0..=14 (tied to a constant by the parent).
    pub round: Signal<In, Bits<4>>,
    pub s_in0: Signal<In, Bits<32>>,
    pub s_in1: Signal<In, Bits<32>>,
    pub s_in2: Signal<In, Bits<32>>,
    pub s_in3: Signal<In, Bits<32>>,
    pub k256_in: Signal<In, Bit>,
    pub key_in: Signal<In, Bits<KEY_BITS>>,
    pub aux_in0: Signal<In, Bits<32>>,
    pub aux_in1: Signal<In, Bits<32>>,
    pub aux_in2: Signal<In, Bits<32>>,
    pub aux_in3: Signal<In, Bits<32>>,
    pub meta_in: Signal<In, Bits<32>>,
    pub s_out0: Signal<Out, Bits<32>>,
    pub s_out1: Signal<Out, Bits<32>>,
    pub s_out2: Signal<Out, Bits<32>>,
    pub s_out3: Signal<Out, Bits<32>>,
    pub k256_out: Signal<Out, Bit>,
    pub key_out: Signal<Out, Bits<KEY_BITS>>,
    pub aux_out0: Signal<Out, Bits<32>>,
    pub aux_out1: Signal<Out, Bits<32>>,
    pub aux_out2: Signal<Out, Bits<32>>,
    pub aux_out3: Signal<Out, Bits<32>>,
    pub meta_out: Signal<Out, Bits<32>>,
    /// Round-key write port, shared by all stages: the stage whose round equals `rk_round` takes it.
    pub rk_we: Signal<In, Bit>,
    pub rk_round: Signal<In, Bits<4>>,
    pub rk_addr: Signal<In, Bits<KEY_BITS>>,
    pub rk_data0: Signal<In, Bits<32>>,
    pub rk_data1: Signal<In, Bits<32>>,
    pub rk_data2: Signal<In, Bits<32>>,
    pub rk_data3: Signal<In, Bits<32>>,
    _rk: Box<Vec<[u32; 4]>>,
}

impl AesStage {
    pub fn new() -> Self {
        AesStage {
            _rk: Box::new(vec![[0; 4]; KEYS]),
            ..Default::default()
        }
    }
}

impl Logic for AesStage {
    fn update(&mut self) {
        if !self.clock.pos_edge() {
            return;
        }
        let round = self.round.val().index();
        if self.rk_we.val() && self.rk_round.val().index() == round {
            let l = [&self.rk_data0, &self.rk_data1, &self.rk_data2, &self.rk_data3].map(|x| x.val().to_u32());
            self._rk[self.rk_addr.val().index()] = l;
        }
        if self.reset.val() {
            for o in [&mut self.s_out0, &mut self.s_out1, &mut self.s_out2, &mut self.s_out3] {
                o.next = 0.into();
            }
            for o in [&mut self.aux_out0, &mut self.aux_out1, &mut self.aux_out2, &mut self.aux_out3] {
                o.next = 0.into();
            }
            self.k256_out.next = false;
            self.key_out.next = 0.into();
            self.meta_out.next = 0.into();
            return;
        }
        if !self.en.val() {
            return;
        }
        let s = [&self.s_in0, &self.s_in1, &self.s_in2, &self.s_in3].map(|x| x.val().to_u32());
        let rk = self._rk[self.key_in.val().index()];
        let k256 = self.k256_in.val();
        let last = if k256 { 14 } else { 10 };
        let o = if round == 0 {
            [s[0] ^ rk[0], s[1] ^ rk[1], s[2] ^ rk[2], s[3] ^ rk[3]]
        } else if round < last {
            aes::round(s, rk)
        } else if round == last {
            aes::final_round(s, rk)
        } else {
            s
        };
        self.s_out0.next = (o[0] as u64).into();
        self.s_out1.next = (o[1] as u64).into();
        self.s_out2.next = (o[2] as u64).into();
        self.s_out3.next = (o[3] as u64).into();
        self.aux_out0.next = self.aux_in0.val();
        self.aux_out1.next = self.aux_in1.val();
        self.aux_out2.next = self.aux_in2.val();
        self.aux_out3.next = self.aux_in3.val();
        self.k256_out.next = k256;
        self.key_out.next = self.key_in.val();
        self.meta_out.next = self.meta_in.val();
    }

    fn connect(&mut self) {
        self.s_out0.connect();
        self.s_out1.connect();
        self.s_out2.connect();
        self.s_out3.connect();
        self.aux_out0.connect();
        self.aux_out1.connect();
        self.aux_out2.connect();
        self.aux_out3.connect();
        self.k256_out.connect();
        self.key_out.connect();
        self.meta_out.connect();
    }

    fn hdl(&self) -> Verilog {
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
reg [127:0] rk [0:{keys_m1}];
reg [127:0] st;
reg [127:0] ss;
integer i;
initial begin
  for (i = 0; i <= {keys_m1}; i = i + 1) rk[i] = 128'd0;
  s_out0 = 32'd0; s_out1 = 32'd0; s_out2 = 32'd0; s_out3 = 32'd0;
  aux_out0 = 32'd0; aux_out1 = 32'd0; aux_out2 = 32'd0; aux_out3 = 32'd0;
  k256_out = 1'b0; key_out = {kb}'d0; meta_out = 32'd0;
end
always @(posedge clock) begin
  if (rk_we && rk_round == round) rk[rk_addr] <= {{rk_data0, rk_data1, rk_data2, rk_data3}};
  if (reset) begin
    s_out0 <= 32'd0; s_out1 <= 32'd0; s_out2 <= 32'd0; s_out3 <= 32'd0;
    aux_out0 <= 32'd0; aux_out1 <= 32'd0; aux_out2 <= 32'd0; aux_out3 <= 32'd0;
    k256_out <= 1'b0; key_out <= {kb}'d0; meta_out <= 32'd0;
  end else if (en) begin
    st = {{s_in0, s_in1, s_in2, s_in3}};
    ss = sub_shift(st);
    if (round == 4'd0) st = st ^ rk[key_in];
    else if (round < (k256_in ? 4'd14 : 4'd10))
      st = {{mix_column(ss[127:96]), mix_column(ss[95:64]), mix_column(ss[63:32]), mix_column(ss[31:0])}} ^ rk[key_in];
    else if (round == (k256_in ? 4'd14 : 4'd10)) st = ss ^ rk[key_in];
    {{s_out0, s_out1, s_out2, s_out3}} <= st;
    aux_out0 <= aux_in0; aux_out1 <= aux_in1; aux_out2 <= aux_in2; aux_out3 <= aux_in3;
    k256_out <= k256_in; key_out <= key_in; meta_out <= meta_in;
  end
end
"#,
            functions = aes::verilog_functions(),
            keys_m1 = KEYS - 1,
            kb = KEY_BITS,
        ))
    }
}
