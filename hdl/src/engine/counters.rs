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

use super::params::{RX_SAS, RX_SCS};

/// Scope codes of COUNTERS.SEL.
const SECY: u32 = Scope::SecY as u32;
const TX_SC: u32 = Scope::TxSc as u32;
const TX_SA: u32 = Scope::TxSa as u32;
const RX_SC: u32 = Scope::RxSc as u32;
const RX_SA: u32 = Scope::RxSa as u32;

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
struct Layout {
    tx_secy: Bank,
    tx_sc: Bank,
    tx_sa: Bank,
    rx_secy: Bank,
    rx_sc: Bank,
    rx_sa: Bank,
}

/// One bank's ids by slot, and the slot of each 8-bit id (a read's look-up is then one index, as
/// it runs in every settle pass the read selection moves in).
struct Bank {
    ids: Vec<u32>,
    slots: [Option<u8>; 256],
}

fn layout() -> &'static Layout {
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
fn slot(bank: &Bank, id: usize) -> Option<usize> {
    bank.slots.get(id).copied().flatten().map(usize::from)
}

/// A Verilog case over `r_id` selecting each slot `i` of a bank with `pick(i)`.
fn verilog_ids(ids: &[u32], pad: &str, pick: impl Fn(usize) -> String) -> String {
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
fn rx_sc_id(c: u32) -> Option<usize> {
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
fn rx_sa_id(c: u32) -> Option<usize> {
    Some(match c {
        RX_OK => 0,
        RX_INVALID => 1,
        RX_NOT_VALID => 2,
        RX_NO_SA => 3,
        RX_NO_SA_ERROR => 4,
        _ => return None,
    })
}

fn out64(lo: &mut Signal<Out, Bits<32>>, hi: &mut Signal<Out, Bits<32>>, v: u64) {
    lo.next = (v as u32 as u64).into();
    hi.next = (v >> 32).into();
}

/// The Verilog case items mapping a receive counter index to its SC or SA counter.
fn verilog_map(f: fn(u32) -> Option<usize>) -> String {
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
}

impl Logic for TxCounters {
    fn update(&mut self) {
        if self.clock.pos_edge() {
            if self.clear.val() {
                self._secy = [0; 8];
                self._sc = [0; 4];
                self._sa = [[0; 2]; 4];
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
                if self.clr_sa.val() {
                    self._sa[self.clr_an.val().index()] = [0; 2];
                }
                if self.clr_all_sa.val() {
                    self._sa = [[0; 2]; 4];
                }
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
wire prot = (ev_counter == 3'd{p}) | (ev_counter == 3'd{e});
wire k = (ev_counter == 3'd{e});
wire [63:0] oct = {{48'd0, ev_octets}};
integer i;
// Every counter has its own adder and enable, its index a constant of the unrolled loops: a
// write selected by a variable part-select would cost a decoder and a 64-bit mux per counter.
always @(posedge clock) begin
  if (clear) begin
    secy <= 512'd0; sc <= 256'd0; sa <= 512'd0;
  end else begin
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
      if ((clr_sa && clr_an == i[2:1]) || clr_all_sa) sa[64*i +: 64] <= 64'd0;
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

#[derive(SettleBlock, Default, Debug)]
pub struct RxCounters {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub clear: Signal<In, Bit>,
    pub ev: Signal<In, Bit>,
    pub ev_counter: Signal<In, Bits<4>>,
    /// The frame's SC was found (its counters move) / its SA exists (its counters move).
    pub ev_sc_hit: Signal<In, Bit>,
    pub ev_sc: Signal<In, Bits<4>>,
    pub ev_sa_hit: Signal<In, Bit>,
    pub ev_an: Signal<In, Bits<2>>,
    /// 1: InOctetsValidated, 2: InOctetsDecrypted.
    pub ev_oct_kind: Signal<In, Bits<2>>,
    pub ev_octets: Signal<In, Bits<16>>,
    pub ev_unknown_sci: Signal<In, Bit>,
    pub ev_no_sci: Signal<In, Bit>,
    /// Clear receive SC `clr_index / 4` and its SAs / SA `clr_index` / every receive SA.
    pub clr_sc: Signal<In, Bit>,
    pub clr_sa: Signal<In, Bit>,
    pub clr_index: Signal<In, Bits<6>>,
    pub clr_all_sa: Signal<In, Bit>,
    pub r_scope: Signal<In, Bits<4>>,
    pub r_index: Signal<In, Bits<16>>,
    pub r_id: Signal<In, Bits<8>>,
    pub r_lo: Signal<Out, Bits<32>>,
    pub r_hi: Signal<Out, Bits<32>>,
    /// SecY: InPkts by RxCounter, InOctetsValidated, InOctetsDecrypted, InPktsUnknownSCI,
    /// InPktsNoSCI.
    _secy: [u64; 16],
    _sc: Vec<[u64; 10]>,
    _sa: Vec<[u64; 5]>,
}

impl RxCounters {
    pub fn new() -> RxCounters {
        RxCounters {
            _sc: vec![[0; 10]; RX_SCS],
            _sa: vec![[0; 5]; RX_SAS],
            ..Default::default()
        }
    }
}

impl Logic for RxCounters {
    fn update(&mut self) {
        if self.clock.pos_edge() {
            if self.clear.val() {
                self._secy = [0; 16];
                self._sc.iter_mut().for_each(|x| *x = [0; 10]);
                self._sa.iter_mut().for_each(|x| *x = [0; 5]);
            } else {
                if self.ev.val() {
                    let c = self.ev_counter.val().index() as u32;
                    let sc = self.ev_sc.val().index();
                    let sa = 4 * sc + self.ev_an.val().index();
                    let oct = self.ev_octets.val().index() as u64;
                    let kind = self.ev_oct_kind.val().index();
                    let sc_hit = self.ev_sc_hit.val();
                    if c < 12 {
                        self._secy[c as usize] += 1;
                    }
                    if kind == 1 || kind == 2 {
                        self._secy[11 + kind] += oct;
                        if sc_hit {
                            self._sc[sc][7 + kind] += oct;
                        }
                    }
                    self._secy[14] += self.ev_unknown_sci.val() as u64;
                    self._secy[15] += self.ev_no_sci.val() as u64;
                    if let (true, Some(i)) = (sc_hit, rx_sc_id(c)) {
                        self._sc[sc][i] += 1;
                    }
                    if let (true, true, Some(i)) = (sc_hit, self.ev_sa_hit.val(), rx_sa_id(c)) {
                        self._sa[sa][i] += 1;
                    }
                }
                let ci = self.clr_index.val().index();
                if self.clr_sa.val() {
                    self._sa[ci] = [0; 5];
                }
                if self.clr_sc.val() {
                    let b = ci & !3;
                    self._sc[ci / 4] = [0; 10];
                    self._sa[b..b + 4].iter_mut().for_each(|x| *x = [0; 5]);
                }
                if self.clr_all_sa.val() {
                    self._sa.iter_mut().for_each(|x| *x = [0; 5]);
                }
            }
        }
        let scope = self.r_scope.val().index() as u32;
        let index = self.r_index.val().index();
        let id = self.r_id.val().index();
        let l = layout();
        let v = match scope {
            SECY => slot(&l.rx_secy, id).map_or(0, |i| self._secy[i]),
            RX_SC if index < RX_SCS => slot(&l.rx_sc, id).map_or(0, |i| self._sc[index][i]),
            RX_SA if index < RX_SAS => slot(&l.rx_sa, id).map_or(0, |i| self._sa[index][i]),
            _ => 0,
        };
        out64(&mut self.r_lo, &mut self.r_hi, v);
    }

    fn connect(&mut self) {
        self.r_lo.connect();
        self.r_hi.connect();
    }

    fn hdl(&self) -> Verilog {
        // Counters live in memories with one write per memory per cycle; a clear only sets a
        // counter's "reads as zero" bit (all of an SC's or SA's at once), and the next increment
        // starts from zero again: a lazy clear, as counter RAMs do it.
        Verilog::Custom(format!(
            "reg [1023:0] secy;
reg [63:0] scp [0:{scp_m}];
reg [63:0] sco [0:{sco_m}];
reg [63:0] sac [0:{sac_m}];
reg [15:0] secy_z;
reg [{scp_m}:0] scp_z;
reg [{sco_m}:0] sco_z;
reg [{sac_m}:0] sac_z;
initial begin
  secy_z = 16'hffff;
  scp_z = {{{scp_n}{{1'b1}}}};
  sco_z = {{{sco_n}{{1'b1}}}};
  sac_z = {{{sac_n}{{1'b1}}}};
end
reg [63:0] v;
integer m;
integer j;
integer scm, sam;
wire [63:0] oct = {{48'd0, ev_octets}};
wire [5:0] sa_i = {{ev_sc, ev_an}};
wire [3:0] ok = {{2'd0, ev_oct_kind}} + 4'd11;
wire [6:0] pi = {{ev_sc, 3'd0}} + scm[6:0];
// Used only for ev_oct_kind 1 or 2, so 0..2*16-1.
wire [4:0] oi = {{ev_sc, 1'b0}} + {{3'd0, ev_oct_kind}} - 5'd1;
wire [8:0] ai = {{sa_i, 2'd0}} + {{3'd0, sa_i}} + sam[8:0];
wire [3:0] cslot = clr_index[5:2];
// 5 * r_index, the first of an SA's counters.
wire [8:0] sac_b = {{1'b0, r_index[5:0], 2'd0}} + {{3'd0, r_index[5:0]}};
always @(*) begin
  m = -1;
  case (ev_counter)
{scmap}    default: ;
  endcase
  scm = m;
  m = -1;
  case (ev_counter)
{samap}    default: ;
  endcase
  sam = m;
end
always @(posedge clock) begin
  if (clear) begin
    secy_z <= 16'hffff;
    scp_z <= {{{scp_n}{{1'b1}}}};
    sco_z <= {{{sco_n}{{1'b1}}}};
    sac_z <= {{{sac_n}{{1'b1}}}};
  end else begin
    if (ev) begin
      // The SecY counters: each its own adder and enable (the packet counter of the frame's
      // decision, its octet counter, InPktsUnknownSCI, InPktsNoSCI).
      for (j = 0; j < 16; j = j + 1)
        if ((j < 12 && ev_counter == j[3:0])
            || ((j == 12 || j == 13) && (ev_oct_kind == 2'd1 || ev_oct_kind == 2'd2) && ok == j[3:0])
            || (j == 14 && ev_unknown_sci) || (j == 15 && ev_no_sci)) begin
          secy[64*j +: 64] <= (secy_z[j] ? 64'd0 : secy[64*j +: 64]) + ((j == 12 || j == 13) ? oct : 64'd1);
          secy_z[j] <= 1'b0;
        end
      if (ev_oct_kind == 2'd1 || ev_oct_kind == 2'd2) begin
        if (ev_sc_hit) begin
          sco[oi] <= (sco_z[oi] ? 64'd0 : sco[oi]) + oct;
          sco_z[oi] <= 1'b0;
        end
      end
      if (ev_sc_hit && scm >= 0) begin
        scp[pi] <= (scp_z[pi] ? 64'd0 : scp[pi]) + 64'd1;
        scp_z[pi] <= 1'b0;
      end
      if (ev_sc_hit && ev_sa_hit && sam >= 0) begin
        sac[ai] <= (sac_z[ai] ? 64'd0 : sac[ai]) + 64'd1;
        sac_z[ai] <= 1'b0;
      end
    end
    if (clr_sa) sac_z[5*clr_index +: 5] <= 5'b11111;
    if (clr_sc) begin
      scp_z[8*cslot +: 8] <= 8'hff;
      sco_z[2*cslot +: 2] <= 2'b11;
      sac_z[20*cslot +: 20] <= 20'hfffff;
    end
    if (clr_all_sa) sac_z <= {{{sac_n}{{1'b1}}}};
  end
end
always @(*) begin
  v = 64'd0;
  case (r_scope)
    4'd{secy_s}: {secy_case}
    4'd{sc_s}: if (r_index < 16'd{nsc}) {sc_case}
    4'd{sa_s}: if (r_index < 16'd{nsa}) {sa_case}
    default: ;
  endcase
  {{r_hi, r_lo}} = v;
end
",
            scp_m = 8 * RX_SCS - 1,
            scp_n = 8 * RX_SCS,
            sco_m = 2 * RX_SCS - 1,
            sco_n = 2 * RX_SCS,
            sac_m = 5 * RX_SAS - 1,
            sac_n = 5 * RX_SAS,
            nsc = RX_SCS,
            nsa = RX_SAS,
            secy_case = verilog_ids(&layout().rx_secy.ids, "    ", |i| {
                format!("secy_z[{i}] ? 64'd0 : secy[{} +: 64]", 64 * i)
            }),
            // Packet counters in `scp` (8 per SC), octets in `sco` (2 per SC).
            sc_case = verilog_ids(&layout().rx_sc.ids, "    ", |i| {
                if i < 8 {
                    format!(
                        "scp_z[{{r_index[3:0], 3'd{i}}}] ? 64'd0 : scp[{{r_index[3:0], 3'd{i}}}]"
                    )
                } else {
                    let k = i - 8;
                    format!(
                        "sco_z[{{r_index[3:0], 1'd{k}}}] ? 64'd0 : sco[{{r_index[3:0], 1'd{k}}}]"
                    )
                }
            }),
            sa_case = verilog_ids(&layout().rx_sa.ids, "    ", |i| {
                format!("sac_z[sac_b + 9'd{i}] ? 64'd0 : sac[sac_b + 9'd{i}]")
            }),
            scmap = verilog_map(rx_sc_id),
            samap = verilog_map(rx_sa_id),
            secy_s = SECY,
            sc_s = RX_SC,
            sa_s = RX_SA,
        ))
    }
}
