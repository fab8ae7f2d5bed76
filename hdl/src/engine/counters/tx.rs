//! The transmit counter bank: a frame's end moves its SecY counter, its SA's and the octet
//! counters; the window's SA clears and COUNTERS.SEL's reads (`counters/mod.rs` holds what each
//! bank keeps and the ids).
//!
//! A leaf with plain-Rust behaviour and a Verilog body (64-bit counters in packed vectors).

use macsec_hdl_derive::SettleBlock;

use super::*;

#[derive(SettleBlock, Default, Debug)]
pub struct TxCounters {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub clear: Signal<In, Bit>,
    pub ev: Signal<In, Bit>,
    pub ev_counter: Signal<In, Bits<3>>,
    pub ev_an: Signal<In, Bits<2>>,
    pub ev_octets: Signal<In, Bits<16>>,
    /// Clear the counters of transmit SA `clr_an` / of every transmit SA.
    pub clr_sa: Signal<In, Bit>,
    pub clr_an: Signal<In, Bits<2>>,
    pub clr_all_sa: Signal<In, Bit>,
    pub r_scope: Signal<In, Bits<4>>,
    pub r_index: Signal<In, Bits<16>>,
    pub r_id: Signal<In, Bits<8>>,
    pub r_lo: Signal<Out, Bits<32>>,
    pub r_hi: Signal<Out, Bits<32>>,
    /// SecY: OutPkts by TxCounter, then OutOctetsProtected, OutOctetsEncrypted.
    _secy: [u64; 8],
    /// TxSC: OutPktsProtected, OutPktsEncrypted, OutOctetsProtected, OutOctetsEncrypted.
    _sc: [u64; 4],
    /// TxSA: OutPktsProtected, OutPktsEncrypted.
    _sa: [[u64; 2]; 4],
    /// The clears of the last edge (clr_sa, clr_an, clr_all_sa), which act at this one:
    /// registered as the events are (`ev_reg.rs`), so the two keep their order.
    _clr: (bool, usize, bool),
}

impl Logic for TxCounters {
    fn update(&mut self) {
        if self.clock.pos_edge() {
            let latched = (
                self.clr_sa.val(),
                self.clr_an.val().index(),
                self.clr_all_sa.val(),
            );
            if self.clear.val() {
                self._secy = [0; 8];
                self._sc = [0; 4];
                self._sa = [[0; 2]; 4];
                self._clr = (false, 0, false);
            } else {
                if self.ev.val() {
                    let c = self.ev_counter.val().index() as u64;
                    let an = self.ev_an.val().index();
                    let oct = self.ev_octets.val().index() as u64;
                    if c < 6 {
                        self._secy[c as usize] += 1;
                    }
                    if c == TX_PROTECTED || c == TX_ENCRYPTED {
                        let k = (c - TX_PROTECTED) as usize;
                        self._secy[6 + k] += oct;
                        self._sc[k] += 1;
                        self._sc[2 + k] += oct;
                        self._sa[an][k] += 1;
                    }
                }
                let (clr_sa, clr_an, clr_all) = self._clr;
                if clr_sa {
                    self._sa[clr_an] = [0; 2];
                }
                if clr_all {
                    self._sa = [[0; 2]; 4];
                }
                self._clr = latched;
            }
        }
        let scope = self.r_scope.val().index() as u32;
        let index = self.r_index.val().index();
        let id = self.r_id.val().index();
        let l = layout();
        let v = match scope {
            SECY => slot(&l.tx_secy, id).map_or(0, |i| self._secy[i]),
            TX_SC => slot(&l.tx_sc, id).map_or(0, |i| self._sc[i]),
            TX_SA if index < 4 => slot(&l.tx_sa, id).map_or(0, |i| self._sa[index][i]),
            _ => 0,
        };
        out64(&mut self.r_lo, &mut self.r_hi, v);
    }

    fn connect(&mut self) {
        self.r_lo.connect();
        self.r_hi.connect();
    }

    fn hdl(&self) -> Verilog {
        Verilog::Custom(format!(
            "reg [511:0] secy;
reg [255:0] sc;
reg [511:0] sa;
reg [63:0] v;
// The clears, registered as the events are at the egress's edge.
reg clr_sa_q, clr_all_sa_q;
reg [1:0] clr_an_q;
wire prot = (ev_counter == 3'd{p}) | (ev_counter == 3'd{e});
wire k = (ev_counter == 3'd{e});
wire [63:0] oct = {{48'd0, ev_octets}};
integer i;
// Every counter has its own adder and enable, its index a constant of the unrolled loops: a
// write selected by a variable part-select would cost a decoder and a 64-bit mux per counter.
always @(posedge clock) begin
  if (clear) begin
    secy <= 512'd0; sc <= 256'd0; sa <= 512'd0;
    clr_sa_q <= 1'b0; clr_an_q <= 2'd0; clr_all_sa_q <= 1'b0;
  end else begin
    clr_sa_q <= clr_sa; clr_an_q <= clr_an; clr_all_sa_q <= clr_all_sa;
    for (i = 0; i < 6; i = i + 1)
      if (ev && ev_counter == i[2:0]) secy[64*i +: 64] <= secy[64*i +: 64] + 64'd1;
    for (i = 0; i < 2; i = i + 1)
      if (ev && prot && k == i[0]) begin
        // OutOctetsProtected / Encrypted at 6 and 7 in `secy`, at 2 and 3 in `sc`.
        secy[64*(6+i) +: 64] <= secy[64*(6+i) +: 64] + oct;
        sc[64*i +: 64] <= sc[64*i +: 64] + 64'd1;
        sc[64*(2+i) +: 64] <= sc[64*(2+i) +: 64] + oct;
      end
    // SA `an`'s counter k at 2 * an + k.
    for (i = 0; i < 8; i = i + 1) begin
      if (ev && prot && {{ev_an, k}} == i[2:0]) sa[64*i +: 64] <= sa[64*i +: 64] + 64'd1;
      if ((clr_sa_q && clr_an_q == i[2:1]) || clr_all_sa_q) sa[64*i +: 64] <= 64'd0;
    end
  end
end
always @(*) begin
  v = 64'd0;
  case (r_scope)
    4'd{secy_s}: {secy_case}
    4'd{sc_s}: {sc_case}
    4'd{sa_s}: if (r_index < 16'd4) {sa_case}
    default: ;
  endcase
  {{r_hi, r_lo}} = v;
end
",
            p = TX_PROTECTED,
            e = TX_ENCRYPTED,
            secy_case = verilog_ids(&layout().tx_secy.ids, "    ", |i| format!(
                "secy[{} +: 64]",
                64 * i
            )),
            sc_case = verilog_ids(&layout().tx_sc.ids, "    ", |i| format!(
                "sc[{} +: 64]",
                64 * i
            )),
            sa_case = verilog_ids(&layout().tx_sa.ids, "    ", |i| {
                format!("sa[128*r_index[1:0] + {} +: 64]", 64 * i)
            }),
            secy_s = SECY,
            sc_s = TX_SC,
            sa_s = TX_SA,
        ))
    }
}
