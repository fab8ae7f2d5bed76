//! The counters (802.1AE-2018 10.7.9, 10.7.18–10.7.19 and the catalogue of
//! `macsec-model::regmap::counters`), kept as the golden model keeps them: each frame ends with one
//! event, which moves its SecY counter, its SC's and SA's, and the octet counters. Transmit and
//! receive have a bank each, so one frame of each direction can end in the same cycle. Removing or
//! installing an SA or SC clears its counters (a new SA starts at zero, a removed one reads zero).
//!
//! Leaves with plain-Rust behaviour and a Verilog body (64-bit counters in packed vectors).

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use std::sync::OnceLock;

use macsec_model::regmap::counters::find;
use macsec_model::regmap::Scope;

pub use super::rx_counters::RxCounters;

/// Scope codes of COUNTERS.SEL.
pub(super) const SECY: u32 = Scope::SecY as u32;
const TX_SC: u32 = Scope::TxSc as u32;
const TX_SA: u32 = Scope::TxSa as u32;
pub(super) const RX_SC: u32 = Scope::RxSc as u32;
pub(super) const RX_SA: u32 = Scope::RxSa as u32;

/// What each bank keeps, slot by slot, by the catalogue's names; the ids a read selects them by
/// are the catalogue's (`regmap::counters`), looked up once.
const TX_SECY: [&str; 8] = [
    "OutPktsUntagged",
    "OutPktsTooLong",
    "OutPktsProtected",
    "OutPktsEncrypted",
    "OutPktsNoSA",
    "OutPktsTooShort",
    "OutOctetsProtected",
    "OutOctetsEncrypted",
];
const TX_SC_NAMES: [&str; 4] = [
    "OutPktsProtected",
    "OutPktsEncrypted",
    "OutOctetsProtected",
    "OutOctetsEncrypted",
];
const TX_SA_NAMES: [&str; 2] = ["OutPktsProtected", "OutPktsEncrypted"];
/// The receive counters in RxCounter order, then the octets and the 2006 SCI counters.
const RX_SECY: [&str; 16] = [
    "InPktsUntagged",
    "InPktsNoTag",
    "InPktsBadTag",
    "InPktsNoSA",
    "InPktsNoSAError",
    "InPktsOverrun",
    "InPktsLate",
    "InPktsNotValid",
    "InPktsInvalid",
    "InPktsDelayed",
    "InPktsUnchecked",
    "InPktsOK",
    "InOctetsValidated",
    "InOctetsDecrypted",
    "InPktsUnknownSCI",
    "InPktsNoSCI",
];
/// The code a receive event names its SecY counter by: the counter's position in the receive
/// tree's order above (a name not there is a mistake in the engine's source, caught when it is
/// built).
pub fn rx_code(name: &str) -> u64 {
    RX_SECY[..12]
        .iter()
        .position(|n| *n == name)
        .unwrap_or_else(|| panic!("{name} is not a receive decision's counter")) as u64
}

/// Packet counters in the order of [`rx_sc_id`], then the octets.
const RX_SC_NAMES: [&str; 10] = [
    "InPktsOK",
    "InPktsUnchecked",
    "InPktsDelayed",
    "InPktsLate",
    "InPktsInvalid",
    "InPktsNotValid",
    "InPktsUnusedSA",
    "InPktsNotUsingSA",
    "InOctetsValidated",
    "InOctetsDecrypted",
];
/// In the order of [`rx_sa_id`].
const RX_SA_NAMES: [&str; 5] = [
    "InPktsOK",
    "InPktsInvalid",
    "InPktsNotValid",
    "InPktsUnusedSA",
    "InPktsNotUsingSA",
];

/// The catalogue ids of each bank's slots.
pub(super) struct Layout {
    tx_secy: Bank,
    tx_sc: Bank,
    tx_sa: Bank,
    pub(super) rx_secy: Bank,
    pub(super) rx_sc: Bank,
    pub(super) rx_sa: Bank,
}

/// One bank's ids by slot, and the slot of each 8-bit id (a read's look-up is then one index, as
/// it runs in every settle pass the read selection moves in).
pub(super) struct Bank {
    pub(super) ids: Vec<u32>,
    slots: [Option<u8>; 256],
}

pub(super) fn layout() -> &'static Layout {
    static L: OnceLock<Layout> = OnceLock::new();
    L.get_or_init(|| {
        // A name missing from the catalogue is a mistake in this file; the engine cannot be
        // built without it.
        let ids = |scope: Scope, names: &[&str]| -> Bank {
            let ids: Vec<u32> = names
                .iter()
                .map(|n| {
                    find(scope, n)
                        .unwrap_or_else(|| panic!("{n} is not a {scope:?} counter"))
                        .id
                })
                .collect();
            let mut slots = [None; 256];
            for (i, &id) in ids.iter().enumerate() {
                slots[id as usize] = Some(i as u8);
            }
            Bank { ids, slots }
        };
        Layout {
            tx_secy: ids(Scope::SecY, &TX_SECY),
            tx_sc: ids(Scope::TxSc, &TX_SC_NAMES),
            tx_sa: ids(Scope::TxSa, &TX_SA_NAMES),
            rx_secy: ids(Scope::SecY, &RX_SECY),
            rx_sc: ids(Scope::RxSc, &RX_SC_NAMES),
            rx_sa: ids(Scope::RxSa, &RX_SA_NAMES),
        }
    })
}

/// The slot of counter `id` in a bank, if it keeps it.
pub(super) fn slot(bank: &Bank, id: usize) -> Option<usize> {
    bank.slots.get(id).copied().flatten().map(usize::from)
}

/// A Verilog case over `r_id` selecting each slot `i` of a bank with `pick(i)`.
pub(super) fn verilog_ids(ids: &[u32], pad: &str, pick: impl Fn(usize) -> String) -> String {
    let mut v = "case (r_id)\n".to_string();
    for (i, id) in ids.iter().enumerate() {
        v += &format!("{pad}  8'd{id}: v = {};\n", pick(i));
    }
    v + &format!("{pad}  default: ;\n{pad}endcase")
}

/// TxCounter indices (the order of `macsec_model::secy::TxCounter::ALL`).
pub const TX_PROTECTED: u64 = 2;
pub const TX_ENCRYPTED: u64 = 3;

/// RxCounter indices (the order of `macsec_model::secy::RxCounter::ALL`).
pub const RX_NO_SA: u32 = 3;
pub const RX_NO_SA_ERROR: u32 = 4;
pub const RX_LATE: u32 = 6;
pub const RX_NOT_VALID: u32 = 7;
pub const RX_INVALID: u32 = 8;
pub const RX_DELAYED: u32 = 9;
pub const RX_UNCHECKED: u32 = 10;
pub const RX_OK: u32 = 11;

/// The receive SC counter a frame's counter moves (10.7.9), if any.
pub(super) fn rx_sc_id(c: u32) -> Option<usize> {
    Some(match c {
        RX_OK => 0,
        RX_UNCHECKED => 1,
        RX_DELAYED => 2,
        RX_LATE => 3,
        RX_INVALID => 4,
        RX_NOT_VALID => 5,
        RX_NO_SA => 6,
        RX_NO_SA_ERROR => 7,
        _ => return None,
    })
}

/// The receive SA counter a frame's counter moves, if any.
pub(super) fn rx_sa_id(c: u32) -> Option<usize> {
    Some(match c {
        RX_OK => 0,
        RX_INVALID => 1,
        RX_NOT_VALID => 2,
        RX_NO_SA => 3,
        RX_NO_SA_ERROR => 4,
        _ => return None,
    })
}

pub(super) fn out64(lo: &mut Signal<Out, Bits<32>>, hi: &mut Signal<Out, Bits<32>>, v: u64) {
    lo.next = (v as u32 as u64).into();
    hi.next = (v >> 32).into();
}

/// The Verilog case items mapping a receive counter index to its SC or SA counter.
pub(super) fn verilog_map(f: fn(u32) -> Option<usize>) -> String {
    (0..12u32)
        .filter_map(|c| f(c).map(|i| format!("    4'd{c}: m = {i};\n")))
        .collect()
}

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

#[cfg(test)]
mod tests {
    use macsec_model::RxCounter;

    #[test]
    fn receive_event_codes_are_the_receive_trees_order() {
        for c in RxCounter::ALL {
            assert_eq!(super::rx_code(c.name()), c.index() as u64, "{c:?}");
        }
    }
}
