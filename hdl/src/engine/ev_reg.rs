//! The counter events' register stage at the edge of each pipeline: the event a frame's decision
//! raises (which counter, its SC and SA, its octets) is registered before it goes to the counter
//! banks, so no path runs from a back end's decision through a bank's address arithmetic into its
//! memories in one cycle. A counter moves one edge later than without it; the banks register
//! the window's clears of SA and SC counters the same way, so an event and a clear keep the
//! order they came in. A reset drops the event.
//!
//! At the ingress the stage also chooses the event: the back's decision, or in a cycle without
//! one, a frame the input FIFO dropped at its start (InPktsOverrun, SecY-wide, no octets).
//! Leaves with hand-written Verilog bodies (a register stage of `Reg`s costs the simulation a
//! settle pass per child).

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use super::counters::rx_code;
use super::params::SC_BITS;

#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
struct RxEv {
    ev: bool,
    counter: u8,
    sc_hit: bool,
    sc: u8,
    sa_hit: bool,
    an: u8,
    oct_kind: u8,
    octets: u16,
    unknown_sci: bool,
    no_sci: bool,
}

#[derive(SettleBlock, Default, Debug)]
pub struct RxEvents {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub reset: Signal<In, Bit>,
    /// The back's decision.
    pub b_ev: Signal<In, Bit>,
    pub b_counter: Signal<In, Bits<4>>,
    pub b_sc_hit: Signal<In, Bit>,
    pub b_sc: Signal<In, Bits<SC_BITS>>,
    pub b_sa_hit: Signal<In, Bit>,
    pub b_an: Signal<In, Bits<2>>,
    pub b_oct_kind: Signal<In, Bits<2>>,
    pub b_octets: Signal<In, Bits<16>>,
    pub b_unknown_sci: Signal<In, Bit>,
    pub b_no_sci: Signal<In, Bit>,
    /// A frame dropped at its start waits to be counted.
    pub p_valid: Signal<In, Bit>,
    /// The event the counter banks take this cycle.
    pub ev: Signal<Out, Bit>,
    pub counter: Signal<Out, Bits<4>>,
    pub sc_hit: Signal<Out, Bit>,
    pub sc: Signal<Out, Bits<SC_BITS>>,
    pub sa_hit: Signal<Out, Bit>,
    pub an: Signal<Out, Bits<2>>,
    pub oct_kind: Signal<Out, Bits<2>>,
    pub octets: Signal<Out, Bits<16>>,
    pub unknown_sci: Signal<Out, Bit>,
    pub no_sci: Signal<Out, Bit>,
    _q: RxEv,
}

fn overrun() -> u8 {
    rx_code("InPktsOverrun") as u8
}

impl Logic for RxEvents {
    fn update(&mut self) {
        if self.clock.pos_edge() {
            self._q = if self.reset.val() {
                RxEv::default()
            } else if self.b_ev.val() {
                RxEv {
                    ev: true,
                    counter: self.b_counter.val().index() as u8,
                    sc_hit: self.b_sc_hit.val(),
                    sc: self.b_sc.val().index() as u8,
                    sa_hit: self.b_sa_hit.val(),
                    an: self.b_an.val().index() as u8,
                    oct_kind: self.b_oct_kind.val().index() as u8,
                    octets: self.b_octets.val().index() as u16,
                    unknown_sci: self.b_unknown_sci.val(),
                    no_sci: self.b_no_sci.val(),
                }
            } else {
                // The SC, AN and octets pass as they are: with no SC or SA hit and no octet
                // kind, no counter reads them.
                RxEv {
                    ev: self.p_valid.val(),
                    counter: overrun(),
                    sc: self.b_sc.val().index() as u8,
                    an: self.b_an.val().index() as u8,
                    octets: self.b_octets.val().index() as u16,
                    ..RxEv::default()
                }
            };
        }
        let q = self._q;
        self.ev.next = q.ev;
        self.counter.next = (q.counter as u64).into();
        self.sc_hit.next = q.sc_hit;
        self.sc.next = (q.sc as u64).into();
        self.sa_hit.next = q.sa_hit;
        self.an.next = (q.an as u64).into();
        self.oct_kind.next = (q.oct_kind as u64).into();
        self.octets.next = (q.octets as u64).into();
        self.unknown_sci.next = q.unknown_sci;
        self.no_sci.next = q.no_sci;
    }

    fn connect(&mut self) {
        self.ev.connect();
        self.counter.connect();
        self.sc_hit.connect();
        self.sc.connect();
        self.sa_hit.connect();
        self.an.connect();
        self.oct_kind.connect();
        self.octets.connect();
        self.unknown_sci.connect();
        self.no_sci.connect();
    }

    fn hdl(&self) -> Verilog {
        Verilog::Custom(format!(
            "always @(posedge clock) begin
  if (reset) begin
    ev <= 1'b0; counter <= 4'd0; sc_hit <= 1'b0; sc <= {sb}'d0; sa_hit <= 1'b0; an <= 2'd0;
    oct_kind <= 2'd0; octets <= 16'd0; unknown_sci <= 1'b0; no_sci <= 1'b0;
  end else begin
    ev <= b_ev | p_valid;
    counter <= b_ev ? b_counter : 4'd{ovr};
    sc_hit <= b_ev & b_sc_hit;
    sc <= b_sc;
    sa_hit <= b_ev & b_sa_hit;
    an <= b_an;
    oct_kind <= b_ev ? b_oct_kind : 2'd0;
    octets <= b_octets;
    unknown_sci <= b_ev & b_unknown_sci;
    no_sci <= b_ev & b_no_sci;
  end
end
",
            sb = SC_BITS,
            ovr = overrun(),
        ))
    }
}

/// The egress's: the back's event, registered.
#[derive(SettleBlock, Default, Debug)]
pub struct TxEvents {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub reset: Signal<In, Bit>,
    pub b_ev: Signal<In, Bit>,
    pub b_counter: Signal<In, Bits<3>>,
    pub b_an: Signal<In, Bits<2>>,
    pub b_octets: Signal<In, Bits<16>>,
    pub ev: Signal<Out, Bit>,
    pub counter: Signal<Out, Bits<3>>,
    pub an: Signal<Out, Bits<2>>,
    pub octets: Signal<Out, Bits<16>>,
    _q: (bool, u8, u8, u16),
}

impl Logic for TxEvents {
    fn update(&mut self) {
        if self.clock.pos_edge() {
            self._q = if self.reset.val() {
                Default::default()
            } else {
                (
                    self.b_ev.val(),
                    self.b_counter.val().index() as u8,
                    self.b_an.val().index() as u8,
                    self.b_octets.val().index() as u16,
                )
            };
        }
        let (ev, c, an, oct) = self._q;
        self.ev.next = ev;
        self.counter.next = (c as u64).into();
        self.an.next = (an as u64).into();
        self.octets.next = (oct as u64).into();
    }

    fn connect(&mut self) {
        self.ev.connect();
        self.counter.connect();
        self.an.connect();
        self.octets.connect();
    }

    fn hdl(&self) -> Verilog {
        Verilog::Custom(
            "always @(posedge clock) begin
  if (reset) begin
    ev <= 1'b0; counter <= 3'd0; an <= 2'd0; octets <= 16'd0;
  end else begin
    ev <= b_ev; counter <= b_counter; an <= b_an; octets <= b_octets;
  end
end
"
            .into(),
        )
    }
}
