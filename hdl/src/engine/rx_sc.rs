//! The receive SC table: a CAM of SCIs. The ingress finds a frame's SC by comparing its SCI with
//! every slot at once; the egress needs how many SCs are enabled (whether the SCI is carried,
//! 802.1AE-2018 10.5.3) and the ingress the SCI of the only SC when there is exactly one (an
//! implicit SCI on a point-to-point link).

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use super::adders::balanced_sum;
use super::params::{RX_SCS, SC_BITS, SC_COUNT_BITS};

#[derive(Clone, Copy, Default, Debug)]
struct Sc {
    valid: bool,
    enable: bool,
    sci: u64,
}

#[derive(SettleBlock, Default, Debug)]
pub struct RxScTable {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub clear: Signal<In, Bit>,
    /// Write slot `c_slot` (install when `c_valid`, remove otherwise) at the edge.
    pub c_go: Signal<In, Bit>,
    pub c_slot: Signal<In, Bits<SC_BITS>>,
    pub c_valid: Signal<In, Bit>,
    pub c_enable: Signal<In, Bit>,
    pub c_sci_lo: Signal<In, Bits<32>>,
    pub c_sci_hi: Signal<In, Bits<32>>,
    /// The SCI of the command is in another valid slot.
    pub c_dup: Signal<Out, Bit>,
    /// The command's slot is valid with the same SCI (only ENABLE changes).
    pub c_same: Signal<Out, Bit>,
    /// The command's slot is valid.
    pub c_slot_valid: Signal<Out, Bit>,
    pub r_slot: Signal<In, Bits<SC_BITS>>,
    pub r_valid: Signal<Out, Bit>,
    pub r_enable: Signal<Out, Bit>,
    pub r_sci_lo: Signal<Out, Bits<32>>,
    pub r_sci_hi: Signal<Out, Bits<32>>,
    /// The lookup, a register stage of the ingress's decision: `l_hit` and `l_slot` are for the
    /// SCI and the table before the last edge.
    pub l_sci_lo: Signal<In, Bits<32>>,
    pub l_sci_hi: Signal<In, Bits<32>>,
    /// A valid, enabled slot holds the SCI.
    pub l_hit: Signal<Out, Bit>,
    pub l_slot: Signal<Out, Bits<SC_BITS>>,
    pub n_valid: Signal<Out, Bits<SC_COUNT_BITS>>,
    pub n_enabled: Signal<Out, Bits<SC_COUNT_BITS>>,
    /// The SCI of the lowest valid slot (the only one when `n_valid` is 1).
    pub only_sci_lo: Signal<Out, Bits<32>>,
    pub only_sci_hi: Signal<Out, Bits<32>>,
    _sc: [Sc; RX_SCS],
    _hit: Option<usize>,
}

impl Logic for RxScTable {
    fn update(&mut self) {
        let v = |x: &Signal<In, Bits<32>>| x.val().to_u32() as u64;
        let csci = v(&self.c_sci_hi) << 32 | v(&self.c_sci_lo);
        let cslot = self.c_slot.val().index();
        if self.clock.pos_edge() {
            let lsci = v(&self.l_sci_hi) << 32 | v(&self.l_sci_lo);
            self._hit = self
                ._sc
                .iter()
                .position(|s| s.valid && s.enable && s.sci == lsci);
            if self.clear.val() {
                self._sc = [Sc::default(); RX_SCS];
                self._hit = None;
            } else if self.c_go.val() {
                self._sc[cslot] = if self.c_valid.val() {
                    Sc {
                        valid: true,
                        enable: self.c_enable.val(),
                        sci: csci,
                    }
                } else {
                    Sc::default()
                };
            }
        }
        let sc = &self._sc;
        self.c_dup.next = sc
            .iter()
            .enumerate()
            .any(|(i, s)| i != cslot && s.valid && s.sci == csci);
        self.c_same.next = sc[cslot].valid && sc[cslot].sci == csci;
        self.c_slot_valid.next = sc[cslot].valid;
        let r = sc[self.r_slot.val().index()];
        self.r_valid.next = r.valid;
        self.r_enable.next = r.enable;
        self.r_sci_lo.next = (r.sci as u32 as u64).into();
        self.r_sci_hi.next = (r.sci >> 32).into();
        self.l_hit.next = self._hit.is_some();
        self.l_slot.next = (self._hit.unwrap_or(0) as u64).into();
        self.n_valid.next = (sc.iter().filter(|s| s.valid).count() as u64).into();
        self.n_enabled.next = (sc.iter().filter(|s| s.valid && s.enable).count() as u64).into();
        let only = sc.iter().find(|s| s.valid).map_or(0, |s| s.sci);
        self.only_sci_lo.next = (only as u32 as u64).into();
        self.only_sci_hi.next = (only >> 32).into();
    }

    fn connect(&mut self) {
        self.c_dup.connect();
        self.c_same.connect();
        self.c_slot_valid.connect();
        self.r_valid.connect();
        self.r_enable.connect();
        self.r_sci_lo.connect();
        self.r_sci_hi.connect();
        self.l_hit.connect();
        self.l_slot.connect();
        self.n_valid.connect();
        self.n_enabled.connect();
        self.only_sci_lo.connect();
        self.only_sci_hi.connect();
    }

    fn hdl(&self) -> Verilog {
        // Counts as balanced adder trees and the lowest set bit found with a carry chain (x &
        // -x): a loop of `t = t + 1` or `if (!found)` would synthesize into a chain of RX_SCS.
        let terms = |v: &str| -> Vec<String> {
            (0..RX_SCS)
                .map(|i| format!("{{{SC_BITS}'d0, {v}[{i}]}}"))
                .collect()
        };
        let slot_bits = (0..SC_BITS)
            .map(|k| {
                let mask: u32 = (0..RX_SCS as u32)
                    .filter(|i| i >> k & 1 == 1)
                    .map(|i| 1 << i)
                    .sum();
                format!(
                    "    l_slot[{k}] <= |(l_first & {n}'h{mask:x});\n",
                    n = RX_SCS
                )
            })
            .collect::<String>();
        Verilog::Custom(format!(
            "reg [{m}:0] valid, enable;
reg [63:0] sci [0:{m}];
wire [63:0] csci = {{c_sci_hi, c_sci_lo}};
wire [63:0] lsci = {{l_sci_hi, l_sci_lo}};
always @(posedge clock) begin
  if (clear) begin
    valid <= {n}'d0; enable <= {n}'d0;
  end else if (c_go) begin
    valid[c_slot] <= c_valid;
    enable[c_slot] <= c_valid & c_enable;
    sci[c_slot] <= c_valid ? csci : 64'd0;
  end
end
// The lookup's register stage.
always @(posedge clock) begin
  if (clear) begin
    l_hit <= 1'b0;
    l_slot <= {sb}'d0;
  end else begin
    l_hit <= |l_eq;
{slot_bits}  end
end
// Per slot: the command's SCI in another valid slot; the lookup's SCI in a valid, enabled one.
wire [{m}:0] live = valid & enable;
wire [{m}:0] c_eq = {{{c_eq}}};
wire [{m}:0] l_eq = {{{l_eq}}};
// The lowest set bit of each (one-hot or zero).
wire [{m}:0] l_first = l_eq & (~l_eq + {n}'d1);
wire [{m}:0] v_first = valid & (~valid + {n}'d1);
// Each output is written once, so none glitches while the comparisons settle (an
// event-driven simulator such as Icarus would pass every intermediate value on).
always @(*) begin
  c_dup = |c_eq;
  n_valid = {nv};
  n_enabled = {ne};
  {{only_sci_hi, only_sci_lo}} = {only};
  c_same = valid[c_slot] && sci[c_slot] == csci;
  c_slot_valid = valid[c_slot];
  r_valid = valid[r_slot];
  r_enable = valid[r_slot] & enable[r_slot];
  {{r_sci_hi, r_sci_lo}} = valid[r_slot] ? sci[r_slot] : 64'd0;
end
",
            m = RX_SCS - 1,
            n = RX_SCS,
            sb = SC_BITS,
            c_eq = per_slot(|i| format!(
                "valid[{i}] && (sci[{i}] == csci) && (c_slot != {SC_BITS}'d{i})"
            )),
            l_eq = per_slot(|i| format!("live[{i}] && (sci[{i}] == lsci)")),
            only = (0..RX_SCS)
                .map(|i| format!("({{64{{v_first[{i}]}}}} & sci[{i}])"))
                .collect::<Vec<_>>()
                .join("\n    | "),
            nv = balanced_sum(&terms("valid")),
            ne = balanced_sum(&terms("live")),
        ))
    }
}

/// A vector of one bit per slot, the highest slot first (a Verilog concatenation's body).
fn per_slot(bit: impl Fn(usize) -> String) -> String {
    (0..RX_SCS)
        .rev()
        .map(|i| format!("\n  {}", bit(i)))
        .collect::<Vec<_>>()
        .join(",")
}
