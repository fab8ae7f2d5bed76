//! Key installation: the key schedule, one round key per cycle written into the AES stages'
//! round-key memories (the schedule is computed once per key, never per frame), then a request
//! for one pipeline slot to compute H = AES_K(0^128), then idle again once H is stored. Also holds
//! each slot's key length for the pipeline's front.
//!
//! A reset wipes the key material: for one slot per cycle (`wipe`, `rk_addr`), every round's
//! memory, H and the key length are overwritten with zeros (the AES pipeline and the back take
//! `wipe`), and the schedule's own registers are cleared; `key_ready` stays low until the last
//! slot is done, so an install waits for the wipe.

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use crate::aes;
use crate::aes_pipeline::{AES128_START, KEYS, KEY_BITS, ROUNDS};

const IDLE: u8 = 0;
const EXPAND: u8 = 1;
const REQ_H: u8 = 2;
const WAIT_H: u8 = 3;
const WIPE: u8 = 4;

#[derive(SettleBlock, Default, Debug)]
// Its logic reads an output it writes (so a move of it runs the logic again).
#[settle(reads_outputs)]
pub struct KeyExpander {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub reset: Signal<In, Bit>,
    pub key_valid: Signal<In, Bit>,
    pub key_ready: Signal<Out, Bit>,
    pub key_id: Signal<In, Bits<KEY_BITS>>,
    pub key_256: Signal<In, Bit>,
    pub key0: Signal<In, Bits<32>>,
    pub key1: Signal<In, Bits<32>>,
    pub key2: Signal<In, Bits<32>>,
    pub key3: Signal<In, Bits<32>>,
    pub key4: Signal<In, Bits<32>>,
    pub key5: Signal<In, Bits<32>>,
    pub key6: Signal<In, Bits<32>>,
    pub key7: Signal<In, Bits<32>>,
    pub rk_we: Signal<Out, Bit>,
    /// The pipeline stage (round-key memory) the round key goes to: round r of a 256-bit key to
    /// stage r, of a 128-bit key to stage r + `AES128_START`.
    pub rk_round: Signal<Out, Bits<4>>,
    pub rk_addr: Signal<Out, Bits<KEY_BITS>>,
    pub rk_data0: Signal<Out, Bits<32>>,
    pub rk_data1: Signal<Out, Bits<32>>,
    pub rk_data2: Signal<Out, Bits<32>>,
    pub rk_data3: Signal<Out, Bits<32>>,
    /// Key length of a slot, for the front (combinational read).
    pub k256_addr: Signal<In, Bits<KEY_BITS>>,
    pub k256: Signal<Out, Bit>,
    /// Wants a pipeline slot for H of key `h_key`; the front answers with `h_ack`.
    pub h_req: Signal<Out, Bit>,
    pub h_key: Signal<Out, Bits<KEY_BITS>>,
    pub h_ack: Signal<In, Bit>,
    /// H has been stored.
    pub h_done: Signal<In, Bit>,
    /// Wiping slot `rk_addr` (after a reset): round keys and H are written with zeros.
    pub wipe: Signal<Out, Bit>,
    _state: u8,
    _round: usize,
    _rks: Vec<[u32; 4]>,
    _k256: Vec<bool>,
}

impl KeyExpander {
    pub fn new() -> Self {
        KeyExpander {
            key_ready: Signal::new_with_default(true),
            _k256: vec![false; KEYS],
            ..Default::default()
        }
    }

    fn emit(&mut self, round: usize) {
        let rk = self._rks[round];
        self.rk_we.next = true;
        // Both key sizes' last round at the pipeline's last stage (see `aes_pipeline`).
        let stage = if self._rks.len() == ROUNDS {
            round
        } else {
            round + AES128_START
        };
        self.rk_round.next = (stage as u64).into();
        self.rk_data0.next = (rk[0] as u64).into();
        self.rk_data1.next = (rk[1] as u64).into();
        self.rk_data2.next = (rk[2] as u64).into();
        self.rk_data3.next = (rk[3] as u64).into();
    }
}

impl Logic for KeyExpander {
    fn update(&mut self) {
        self.k256.next = self._k256[self.k256_addr.val().index()];
        if !self.clock.pos_edge() {
            return;
        }
        if self.reset.val() {
            self._state = WIPE;
            self._round = 0;
            self._rks.clear();
            self.key_ready.next = false;
            self.wipe.next = true;
            self.rk_we.next = false;
            self.rk_round.next = 0.into();
            self.rk_addr.next = 0.into();
            self.rk_data0.next = 0.into();
            self.rk_data1.next = 0.into();
            self.rk_data2.next = 0.into();
            self.rk_data3.next = 0.into();
            self.h_req.next = false;
            self.h_key.next = 0.into();
            return;
        }
        match self._state {
            WIPE => {
                let a = self.rk_addr.val().index();
                self._k256[a] = false;
                if a == KEYS - 1 {
                    self.wipe.next = false;
                    self.key_ready.next = true;
                    self._state = IDLE;
                } else {
                    self.rk_addr.next = ((a + 1) as u64).into();
                }
            }
            IDLE => {
                self.rk_we.next = false;
                if self.key_valid.val() {
                    let k = [
                        &self.key0, &self.key1, &self.key2, &self.key3, &self.key4, &self.key5,
                        &self.key6, &self.key7,
                    ]
                    .map(|x| x.val().to_u32());
                    let wide = self.key_256.val();
                    self._rks = aes::expand(if wide { &k[..] } else { &k[..4] });
                    self._k256[self.key_id.val().index()] = wide;
                    self.key_ready.next = false;
                    self.rk_addr.next = self.key_id.val();
                    self.h_key.next = self.key_id.val();
                    self.emit(0);
                    self._round = 1;
                    self._state = EXPAND;
                }
            }
            EXPAND => {
                if self._round < self._rks.len() {
                    let r = self._round;
                    self.emit(r);
                    self._round += 1;
                } else {
                    self.rk_we.next = false;
                    self.h_req.next = true;
                    self._state = REQ_H;
                }
            }
            REQ_H => {
                if self.h_ack.val() {
                    self.h_req.next = false;
                    self._state = WAIT_H;
                }
            }
            _ => {
                if self.h_done.val() {
                    self.key_ready.next = true;
                    self._state = IDLE;
                }
            }
        }
    }

    fn connect(&mut self) {
        self.key_ready.connect();
        self.rk_we.connect();
        self.rk_round.connect();
        self.rk_addr.connect();
        self.rk_data0.connect();
        self.rk_data1.connect();
        self.rk_data2.connect();
        self.rk_data3.connect();
        self.k256.connect();
        self.h_req.connect();
        self.h_key.connect();
        self.wipe.connect();
    }

    fn hdl(&self) -> Verilog {
        let rcon: String = aes::RCON
            .iter()
            .enumerate()
            .map(|(i, r)| format!("    4'd{i}: rcon = 8'h{r:02x};\n"))
            .collect();
        Verilog::Custom(format!(
            r#"
{functions}
function [7:0] rcon;
  input [3:0] i;
  case (i)
{rcon}    default: rcon = 8'h00;
  endcase
endfunction
reg [2:0] state;
reg [3:0] r;
reg wide;
reg [31:0] a0, a1, a2, a3, b0, b1, b2, b3;
reg [31:0] t, n0, n1, n2, n3;
reg k256_table [0:{keys_m1}];
integer i;
initial begin
  for (i = 0; i <= {keys_m1}; i = i + 1) k256_table[i] = 1'b0;
  state = 3'd0; r = 4'd0; wide = 1'b0; wipe = 1'b0;
  a0 = 0; a1 = 0; a2 = 0; a3 = 0; b0 = 0; b1 = 0; b2 = 0; b3 = 0;
  key_ready = 1'b1; rk_we = 1'b0; rk_round = 4'd0; rk_addr = {kb}'d0; h_req = 1'b0; h_key = {kb}'d0;
  rk_data0 = 0; rk_data1 = 0; rk_data2 = 0; rk_data3 = 0;
end
always @(*) k256 = k256_table[k256_addr];
// The next round key, from the two before it (a, b) and the round: combinational, so the
// clocked block below assigns only registers.
always @(*) begin
  if (wide) begin
    if (r[0] == 1'b0) t = sub_word({{b3[23:0], b3[31:24]}}) ^ {{rcon((r >> 1) - 4'd1), 24'd0}};
    else t = sub_word(b3);
    n0 = a0 ^ t;
  end else begin
    t = sub_word({{b3[23:0], b3[31:24]}}) ^ {{rcon(r - 4'd1), 24'd0}};
    n0 = b0 ^ t;
  end
  n1 = (wide ? a1 : b1) ^ n0;
  n2 = (wide ? a2 : b2) ^ n1;
  n3 = (wide ? a3 : b3) ^ n2;
end
always @(posedge clock) begin
  if (reset) begin
    state <= 3'd4; key_ready <= 1'b0; wipe <= 1'b1; rk_we <= 1'b0; h_req <= 1'b0;
    rk_round <= 4'd0; rk_addr <= {kb}'d0; h_key <= {kb}'d0; r <= 4'd0; wide <= 1'b0;
    rk_data0 <= 0; rk_data1 <= 0; rk_data2 <= 0; rk_data3 <= 0;
    a0 <= 0; a1 <= 0; a2 <= 0; a3 <= 0; b0 <= 0; b1 <= 0; b2 <= 0; b3 <= 0;
  end else case (state)
    3'd4: begin
      k256_table[rk_addr] <= 1'b0;
      if (rk_addr == {kb}'d{keys_m1}) begin
        wipe <= 1'b0; key_ready <= 1'b1; state <= 3'd0;
      end else rk_addr <= rk_addr + {kb}'d1;
    end
    3'd0: begin
      rk_we <= 1'b0;
      if (key_valid) begin
        k256_table[key_id] <= key_256;
        wide <= key_256;
        key_ready <= 1'b0;
        rk_addr <= key_id; h_key <= key_id;
        rk_we <= 1'b1; rk_round <= key_256 ? 4'd0 : 4'd{start};
        rk_data0 <= key0; rk_data1 <= key1; rk_data2 <= key2; rk_data3 <= key3;
        a0 <= key0; a1 <= key1; a2 <= key2; a3 <= key3;
        if (key_256) begin b0 <= key4; b1 <= key5; b2 <= key6; b3 <= key7; end
        else begin b0 <= key0; b1 <= key1; b2 <= key2; b3 <= key3; end
        r <= 4'd1;
        state <= 3'd1;
      end
    end
    3'd1: begin
      if (r <= (wide ? 4'd14 : 4'd10)) begin
        rk_we <= 1'b1; rk_round <= wide ? r : r + 4'd{start};
        if (wide && r == 4'd1) begin
          rk_data0 <= b0; rk_data1 <= b1; rk_data2 <= b2; rk_data3 <= b3;
        end else begin
          rk_data0 <= n0; rk_data1 <= n1; rk_data2 <= n2; rk_data3 <= n3;
          if (wide) begin a0 <= b0; a1 <= b1; a2 <= b2; a3 <= b3; end
          b0 <= n0; b1 <= n1; b2 <= n2; b3 <= n3;
        end
        r <= r + 4'd1;
      end else begin
        rk_we <= 1'b0;
        h_req <= 1'b1;
        state <= 3'd2;
      end
    end
    3'd2: if (h_ack) begin h_req <= 1'b0; state <= 3'd3; end
    default: if (h_done) begin key_ready <= 1'b1; state <= 3'd0; end
  endcase
end
"#,
            functions = aes::verilog_functions(),
            keys_m1 = KEYS - 1,
            kb = KEY_BITS,
            start = AES128_START,
        ))
    }
}
