//! The receive SC table: a CAM of SCIs. The ingress finds a frame's SC by comparing its SCI with
//! every slot at once; the egress needs how many SCs are enabled (whether the SCI is carried,
//! 802.1AE-2018 10.5.3) and the ingress the SCI of the only SC when there is exactly one (an
//! implicit SCI on a point-to-point link).

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use super::params::RX_SCS;

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
    pub c_slot: Signal<In, Bits<4>>,
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
    pub r_slot: Signal<In, Bits<4>>,
    pub r_valid: Signal<Out, Bit>,
    pub r_enable: Signal<Out, Bit>,
    pub r_sci_lo: Signal<Out, Bits<32>>,
    pub r_sci_hi: Signal<Out, Bits<32>>,
    pub l_sci_lo: Signal<In, Bits<32>>,
    pub l_sci_hi: Signal<In, Bits<32>>,
    /// A valid, enabled slot holds the SCI.
    pub l_hit: Signal<Out, Bit>,
    pub l_slot: Signal<Out, Bits<4>>,
    pub n_valid: Signal<Out, Bits<5>>,
    pub n_enabled: Signal<Out, Bits<5>>,
    /// The SCI of the lowest valid slot (the only one when `n_valid` is 1).
    pub only_sci_lo: Signal<Out, Bits<32>>,
    pub only_sci_hi: Signal<Out, Bits<32>>,
    _sc: [Sc; RX_SCS],
}

impl Logic for RxScTable {
    fn update(&mut self) {
        let v = |x: &Signal<In, Bits<32>>| x.val().to_u32() as u64;
        let csci = v(&self.c_sci_hi) << 32 | v(&self.c_sci_lo);
        let cslot = self.c_slot.val().index();
        if self.clock.pos_edge() {
            if self.clear.val() {
                self._sc = [Sc::default(); RX_SCS];
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
        let lsci = v(&self.l_sci_hi) << 32 | v(&self.l_sci_lo);
        let hit = sc.iter().position(|s| s.valid && s.enable && s.sci == lsci);
        self.l_hit.next = hit.is_some();
        self.l_slot.next = (hit.unwrap_or(0) as u64).into();
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
        Verilog::Custom(format!(
            "reg [{m}:0] valid, enable;
reg [63:0] sci [0:{m}];
wire [63:0] csci = {{c_sci_hi, c_sci_lo}};
wire [63:0] lsci = {{l_sci_hi, l_sci_lo}};
integer i;
reg found;
always @(posedge clock) begin
  if (clear) begin
    valid <= {n}'d0; enable <= {n}'d0;
  end else if (c_go) begin
    valid[c_slot] <= c_valid;
    enable[c_slot] <= c_valid & c_enable;
    sci[c_slot] <= c_valid ? csci : 64'd0;
  end
end
// One scan of the table into locals; each output is written once, so none glitches while the
// scan runs (a glitch on only_sci reaches the SecTAG parser and comes back as the lookup SCI,
// which an event-driven simulator such as Icarus would chase for ever).
reg t_dup, t_hit;
reg [3:0] t_slot;
reg [4:0] t_nv, t_ne;
reg [63:0] t_only;
always @(*) begin
  t_dup = 1'b0;
  t_hit = 1'b0;
  t_slot = 4'd0;
  t_nv = 5'd0;
  t_ne = 5'd0;
  t_only = 64'd0;
  found = 1'b0;
  for (i = 0; i < {n}; i = i + 1) begin
    if (i[3:0] != c_slot && valid[i] && sci[i] == csci) t_dup = 1'b1;
    if (!t_hit && valid[i] && enable[i] && sci[i] == lsci) begin
      t_hit = 1'b1;
      t_slot = i[3:0];
    end
    if (valid[i]) t_nv = t_nv + 5'd1;
    if (valid[i] && enable[i]) t_ne = t_ne + 5'd1;
    if (valid[i] && !found) begin
      found = 1'b1;
      t_only = sci[i];
    end
  end
  c_dup = t_dup;
  l_hit = t_hit;
  l_slot = t_slot;
  n_valid = t_nv;
  n_enabled = t_ne;
  {{only_sci_hi, only_sci_lo}} = t_only;
  c_same = valid[c_slot] && sci[c_slot] == csci;
  c_slot_valid = valid[c_slot];
  r_valid = valid[r_slot];
  r_enable = valid[r_slot] & enable[r_slot];
  {{r_sci_hi, r_sci_lo}} = valid[r_slot] ? sci[r_slot] : 64'd0;
end
",
            m = RX_SCS - 1,
            n = RX_SCS
        ))
    }
}
