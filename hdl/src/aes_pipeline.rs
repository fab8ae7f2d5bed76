//! The AES pipeline: fifteen stages, one round per stage, one block in and one out per cycle.
//! Stage 0 is the initial AddRoundKey, stages 1..14 the rounds; AES-128 blocks pass stages 11..14
//! unchanged, so both key sizes take 15 cycles. Each stage keeps the round keys of every key slot
//! (written once, when a key is installed) and reads the one of the block passing through, by the
//! slot number travelling beside it; the payload and its metadata travel beside too.
//!
//! A leaf with a hand-written Verilog body: the Icarus replay test checks it cycle for cycle.

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use crate::aes;

/// Key slots addressed by a 7-bit key index.
pub const KEY_BITS: usize = 7;
pub const KEYS: usize = 1 << KEY_BITS;
/// Pipeline stages.
pub const STAGES: usize = 15;

#[derive(Clone, Copy, Default, Debug)]
struct Slot {
    s: [u32; 4],
    aux: [u32; 4],
    meta: u32,
    key: u8,
    k256: bool,
}

#[derive(SettleBlock, Default, Debug)]
pub struct AesPipeline {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub reset: Signal<In, Bit>,
    /// Pipeline advance.
    pub en: Signal<In, Bit>,
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
    pub key_out: Signal<Out, Bits<KEY_BITS>>,
    pub aux_out0: Signal<Out, Bits<32>>,
    pub aux_out1: Signal<Out, Bits<32>>,
    pub aux_out2: Signal<Out, Bits<32>>,
    pub aux_out3: Signal<Out, Bits<32>>,
    pub meta_out: Signal<Out, Bits<32>>,
    /// Round-key write port: round key `rk_round` of slot `rk_addr`.
    pub rk_we: Signal<In, Bit>,
    pub rk_round: Signal<In, Bits<4>>,
    pub rk_addr: Signal<In, Bits<KEY_BITS>>,
    pub rk_data0: Signal<In, Bits<32>>,
    pub rk_data1: Signal<In, Bits<32>>,
    pub rk_data2: Signal<In, Bits<32>>,
    pub rk_data3: Signal<In, Bits<32>>,
    _rk: Vec<[u32; 4]>,
    _st: Box<[Slot; STAGES]>,
}

impl AesPipeline {
    pub fn new() -> Self {
        AesPipeline {
            _rk: vec![[0; 4]; 16 * KEYS],
            ..Default::default()
        }
    }

    /// Stage `round` applied to a block.
    fn stage(&self, round: usize, x: &Slot) -> Slot {
        let rk = self._rk[round * KEYS + x.key as usize];
        let last = if x.k256 { 14 } else { 10 };
        let s = x.s;
        let s = if round == 0 {
            [s[0] ^ rk[0], s[1] ^ rk[1], s[2] ^ rk[2], s[3] ^ rk[3]]
        } else if round < last {
            aes::round(s, rk)
        } else if round == last {
            aes::final_round(s, rk)
        } else {
            s
        };
        Slot { s, ..*x }
    }
}

impl Logic for AesPipeline {
    fn update(&mut self) {
        if !self.clock.pos_edge() {
            return;
        }
        if self.rk_we.val() {
            let l = [
                &self.rk_data0,
                &self.rk_data1,
                &self.rk_data2,
                &self.rk_data3,
            ]
            .map(|x| x.val().to_u32());
            let r = self.rk_round.val().index();
            if r < STAGES {
                self._rk[r * KEYS + self.rk_addr.val().index()] = l;
            }
        }
        if self.reset.val() {
            *self._st = [Slot::default(); STAGES];
        } else if self.en.val() {
            for r in (1..STAGES).rev() {
                let prev = self._st[r - 1];
                self._st[r] = self.stage(r, &prev);
            }
            let input = Slot {
                s: [&self.s_in0, &self.s_in1, &self.s_in2, &self.s_in3].map(|x| x.val().to_u32()),
                aux: [&self.aux_in0, &self.aux_in1, &self.aux_in2, &self.aux_in3]
                    .map(|x| x.val().to_u32()),
                meta: self.meta_in.val().to_u32(),
                key: self.key_in.val().index() as u8,
                k256: self.k256_in.val(),
            };
            self._st[0] = self.stage(0, &input);
        } else {
            return;
        }
        let o = self._st[STAGES - 1];
        self.s_out0.next = (o.s[0] as u64).into();
        self.s_out1.next = (o.s[1] as u64).into();
        self.s_out2.next = (o.s[2] as u64).into();
        self.s_out3.next = (o.s[3] as u64).into();
        self.aux_out0.next = (o.aux[0] as u64).into();
        self.aux_out1.next = (o.aux[1] as u64).into();
        self.aux_out2.next = (o.aux[2] as u64).into();
        self.aux_out3.next = (o.aux[3] as u64).into();
        self.meta_out.next = (o.meta as u64).into();
        self.key_out.next = (o.key as u64).into();
    }

    fn connect(&mut self) {
        self.s_out0.connect();
        self.s_out1.connect();
        self.s_out2.connect();
        self.s_out3.connect();
        self.key_out.connect();
        self.aux_out0.connect();
        self.aux_out1.connect();
        self.aux_out2.connect();
        self.aux_out3.connect();
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
// One stage: round 0 adds the key; rounds before the last mix columns; the last does not;
// AES-128 blocks pass rounds 11..14 unchanged.
function [127:0] stage;
  input [3:0] round;
  input [127:0] s;
  input [127:0] rk;
  input k256;
  reg [127:0] ss;
  begin
    ss = sub_shift(s);
    if (round == 4'd0) stage = s ^ rk;
    else if (round < (k256 ? 4'd14 : 4'd10))
      stage = {{mix_column(ss[127:96]), mix_column(ss[95:64]), mix_column(ss[63:32]), mix_column(ss[31:0])}} ^ rk;
    else if (round == (k256 ? 4'd14 : 4'd10)) stage = ss ^ rk;
    else stage = s;
  end
endfunction
// Round keys of every slot, by stage: entry round * {keys} + slot.
reg [127:0] rk [0:{rk_m1}];
// The stages' registers, packed: stage g in bits [W*g +: W].
reg [128*{stages}-1:0] st;
reg [128*{stages}-1:0] aux;
reg [32*{stages}-1:0] meta;
reg [{kb}*{stages}-1:0] kid;
reg [{stages}-1:0] k256;
integer i;
initial begin
  for (i = 0; i <= {rk_m1}; i = i + 1) rk[i] = 128'd0;
  st = 0; aux = 0; meta = 0; kid = 0; k256 = 0;
end
always @(posedge clock) begin
  if (rk_we && rk_round <= 4'd{st_m1}) rk[{{rk_round, rk_addr}}] <= {{rk_data0, rk_data1, rk_data2, rk_data3}};
  if (reset) begin
    st <= 0; aux <= 0; meta <= 0; kid <= 0; k256 <= 0;
  end else if (en) begin
    for (i = 1; i <= {st_m1}; i = i + 1) begin
      st[128*i +: 128] <= stage(i[3:0], st[128*(i-1) +: 128], rk[{{i[3:0], kid[{kb}*(i-1) +: {kb}]}}], k256[i-1]);
      aux[128*i +: 128] <= aux[128*(i-1) +: 128];
      meta[32*i +: 32] <= meta[32*(i-1) +: 32];
      kid[{kb}*i +: {kb}] <= kid[{kb}*(i-1) +: {kb}];
      k256[i] <= k256[i-1];
    end
    st[127:0] <= stage(4'd0, {{s_in0, s_in1, s_in2, s_in3}}, rk[{{4'd0, key_in}}], k256_in);
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
end
"#,
            functions = aes::verilog_functions(),
            rk_m1 = 16 * KEYS - 1,
            stages = STAGES,
            st_m1 = STAGES - 1,
            keys = KEYS,
            kb = KEY_BITS,
        ))
    }
}
