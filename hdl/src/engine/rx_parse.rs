//! Field extraction of the receive path: the SecTAG of a frame from its first two beats
//! (802.1AE-2018 9.3–9.9, and the 9.12 checks that do not need the frame's length) and the SCI
//! it names (carried, implied by ES, or the only peer's), registered: the first stage of the
//! ingress's decision; and the ICV from the last two beats, combinational.

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use super::params::SC_COUNT_BITS;

use crate::lanes::{from_bytes, to_bytes};
use macsec_model::sci::{PORT_ES, PORT_SCB};
use macsec_model::wire::{Tci, MACSEC_ETHERTYPE};

/// The SL values a SecTAG may carry are below this (9.7).
const SL_LIMIT: u32 = 48;

/// The parsed SecTAG, as the register stage holds it.
#[derive(Clone, Copy, Default, Debug)]
struct Parsed {
    is_macsec: bool,
    fields_bad: bool,
    an: u8,
    sc: bool,
    e: bool,
    c: bool,
    sl: u8,
    pn: u32,
    eop: bool,
    sci_known: bool,
    sci: u64,
}

#[derive(SettleBlock, Default, Debug)]
pub struct RxParse {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    /// The first beat (lanes 1..3: octets 4..15) and the second (lanes 0..2: octets 16..27).
    pub b0d1: Signal<In, Bits<32>>,
    pub b0d2: Signal<In, Bits<32>>,
    pub b0d3: Signal<In, Bits<32>>,
    pub b1d0: Signal<In, Bits<32>>,
    pub b1d1: Signal<In, Bits<32>>,
    pub b1d2: Signal<In, Bits<32>>,
    /// The frame ends in its first beat, which holds `first_n` octets.
    pub first_eop: Signal<In, Bit>,
    pub first_n: Signal<In, Bits<5>>,
    pub n_valid: Signal<In, Bits<SC_COUNT_BITS>>,
    pub only_sci_lo: Signal<In, Bits<32>>,
    pub only_sci_hi: Signal<In, Bits<32>>,
    /// EtherType 88-E5 (and long enough to have one).
    pub is_macsec: Signal<Out, Bit>,
    /// Fails a 9.12 check that does not depend on the length (V, ES or SCB with SC, SL's
    /// reserved bits or value, E without C).
    pub fields_bad: Signal<Out, Bit>,
    pub an: Signal<Out, Bits<2>>,
    pub sc: Signal<Out, Bit>,
    pub e: Signal<Out, Bit>,
    pub c: Signal<Out, Bit>,
    pub sl: Signal<Out, Bits<8>>,
    pub pn: Signal<Out, Bits<32>>,
    /// `first_eop`, registered with the rest.
    pub eop: Signal<Out, Bit>,
    /// The frame's SCI, when it has one (10.6.1).
    pub sci_known: Signal<Out, Bit>,
    pub sci_lo: Signal<Out, Bits<32>>,
    pub sci_hi: Signal<Out, Bits<32>>,
    _p: Parsed,
}

impl RxParse {
    fn parse(&self) -> Parsed {
        let v = |x: &Signal<In, Bits<32>>| x.val().to_u32();
        let w3 = v(&self.b0d3);
        let et = w3 >> 16;
        let tci = (w3 >> 8) as u8;
        let sl = w3 & 0xFF;
        let has = |b: u8| tci & b != 0;
        let short = self.first_eop.val() && self.first_n.val().index() < 14;
        let sc = has(Tci::SC);
        // Carried; else the source address and port 1 (0 with SCB) when ES; else the only peer.
        let (sci_known, sci) = if sc {
            (true, (v(&self.b1d1) as u64) << 32 | v(&self.b1d2) as u64)
        } else if has(Tci::ES) {
            let port = if has(Tci::SCB) { PORT_SCB } else { PORT_ES };
            let hi = (v(&self.b0d1) & 0xFFFF) << 16 | v(&self.b0d2) >> 16;
            let lo = (v(&self.b0d2) & 0xFFFF) << 16 | port as u32;
            (true, (hi as u64) << 32 | lo as u64)
        } else {
            let one = self.n_valid.val().index() == 1;
            let sci = (v(&self.only_sci_hi) as u64) << 32 | v(&self.only_sci_lo) as u64;
            (one, if one { sci } else { 0 })
        };
        Parsed {
            is_macsec: et == MACSEC_ETHERTYPE as u32 && !short,
            fields_bad: has(Tci::V)
                || (sc && (has(Tci::ES) || has(Tci::SCB)))
                || sl & 0xC0 != 0
                || sl >= SL_LIMIT
                || (has(Tci::E) && !has(Tci::C)),
            an: tci & Tci::AN_MASK,
            sc,
            e: has(Tci::E),
            c: has(Tci::C),
            sl: sl as u8,
            pn: v(&self.b1d0),
            eop: self.first_eop.val(),
            sci_known,
            sci,
        }
    }
}

impl Logic for RxParse {
    fn update(&mut self) {
        if self.clock.pos_edge() {
            self._p = self.parse();
        }
        let p = self._p;
        self.is_macsec.next = p.is_macsec;
        self.fields_bad.next = p.fields_bad;
        self.an.next = (p.an as u64).into();
        self.sc.next = p.sc;
        self.e.next = p.e;
        self.c.next = p.c;
        self.sl.next = (p.sl as u64).into();
        self.pn.next = (p.pn as u64).into();
        self.eop.next = p.eop;
        self.sci_known.next = p.sci_known;
        self.sci_lo.next = (p.sci as u32 as u64).into();
        self.sci_hi.next = (p.sci >> 32).into();
    }

    fn connect(&mut self) {
        self.is_macsec.connect();
        self.fields_bad.connect();
        self.an.connect();
        self.sc.connect();
        self.e.connect();
        self.c.connect();
        self.sl.connect();
        self.pn.connect();
        self.eop.connect();
        self.sci_known.connect();
        self.sci_lo.connect();
        self.sci_hi.connect();
    }

    fn hdl(&self) -> Verilog {
        let bit = |b: u8| b.trailing_zeros() + 8;
        Verilog::Custom(format!(
            "wire [7:0] t = b0d3[15:8];
wire [7:0] s = b0d3[7:0];
always @(posedge clock) begin
  is_macsec <= (b0d3[31:16] == 16'h{et:04x}) & ~(first_eop & (first_n < 5'd14));
  sc <= b0d3[{sc}];
  e <= b0d3[{e}];
  c <= b0d3[{c}];
  fields_bad <= b0d3[{v}] | (b0d3[{sc}] & (b0d3[{es}] | b0d3[{scb}])) | (s[7:6] != 2'd0)
              | (s >= 8'd{lim}) | (b0d3[{e}] & ~b0d3[{c}]);
  an <= t[1:0];
  sl <= s;
  pn <= b1d0;
  eop <= first_eop;
  if (b0d3[{sc}]) begin
    sci_known <= 1'b1;
    sci_hi <= b1d1;
    sci_lo <= b1d2;
  end else if (b0d3[{es}]) begin
    sci_known <= 1'b1;
    sci_hi <= {{b0d1[15:0], b0d2[31:16]}};
    sci_lo <= {{b0d2[15:0], b0d3[{scb}] ? 16'h{pscb:04x} : 16'h{pes:04x}}};
  end else begin
    sci_known <= (n_valid == {nw}'d1);
    sci_hi <= (n_valid == {nw}'d1) ? only_sci_hi : 32'd0;
    sci_lo <= (n_valid == {nw}'d1) ? only_sci_lo : 32'd0;
  end
end
",
            et = MACSEC_ETHERTYPE,
            sc = bit(Tci::SC),
            e = bit(Tci::E),
            c = bit(Tci::C),
            v = bit(Tci::V),
            es = bit(Tci::ES),
            scb = bit(Tci::SCB),
            lim = SL_LIMIT,
            pscb = PORT_SCB,
            pes = PORT_ES,
            nw = SC_COUNT_BITS,
        ))
    }
}

/// The ICV: the last 16 octets of a frame whose last beat holds `n` octets, from that beat and
/// the one before it.
#[derive(SettleBlock, Default, Debug)]
pub struct IcvGrab {
    _settle: crate::dff::SettleState,
    pub k0: Signal<In, Bits<32>>,
    pub k1: Signal<In, Bits<32>>,
    pub k2: Signal<In, Bits<32>>,
    pub k3: Signal<In, Bits<32>>,
    pub l0: Signal<In, Bits<32>>,
    pub l1: Signal<In, Bits<32>>,
    pub l2: Signal<In, Bits<32>>,
    pub l3: Signal<In, Bits<32>>,
    pub n: Signal<In, Bits<5>>,
    pub icv0: Signal<Out, Bits<32>>,
    pub icv1: Signal<Out, Bits<32>>,
    pub icv2: Signal<Out, Bits<32>>,
    pub icv3: Signal<Out, Bits<32>>,
}

impl Logic for IcvGrab {
    fn update(&mut self) {
        let k = to_bytes([&self.k0, &self.k1, &self.k2, &self.k3].map(|x| x.val().to_u32()));
        let l = to_bytes([&self.l0, &self.l1, &self.l2, &self.l3].map(|x| x.val().to_u32()));
        let n = self.n.val().index().min(16);
        let mut icv = [0u8; 16];
        icv[..16 - n].copy_from_slice(&k[n..]);
        icv[16 - n..].copy_from_slice(&l[..n]);
        let w = from_bytes(&icv);
        self.icv0.next = (w[0] as u64).into();
        self.icv1.next = (w[1] as u64).into();
        self.icv2.next = (w[2] as u64).into();
        self.icv3.next = (w[3] as u64).into();
    }

    fn connect(&mut self) {
        self.icv0.connect();
        self.icv1.connect();
        self.icv2.connect();
        self.icv3.connect();
    }

    fn hdl(&self) -> Verilog {
        Verilog::Custom(
            "wire [4:0] m = (n > 5'd16) ? 5'd16 : n;
wire [255:0] both = {k0, k1, k2, k3, l0, l1, l2, l3};
wire [255:0] sh = both << (8 * m);
always @(*) {icv0, icv1, icv2, icv3} = sh[255:128];
"
            .into(),
        )
    }
}
