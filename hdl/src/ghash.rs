//! GHASH at one block per cycle (NIST SP 800-38D, 6.4): Y = (Y ⊕ X) · H, with Y starting at 0 at
//! a message's first block; the multiply is combinational and its product registered, so the
//! feedback loop is one multiply long. And the fold that ends a message two cycles later:
//! T = ((Y ⊕ (len(A) ‖ len(C))) · H) ⊕ E_K(J0), in its own multiplier so the next message's GHASH
//! can start on the next cycle.

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use crate::gf;

fn lanes4(s: [&Signal<In, Bits<32>>; 4]) -> u128 {
    gf::from_lanes(s.map(|x| x.val().to_u32()))
}

fn set4(o: [&mut Signal<Out, Bits<32>>; 4], v: u128) {
    for (sig, l) in o.into_iter().zip(gf::to_lanes(v)) {
        sig.next = (l as u64).into();
    }
}

/// The GHASH accumulator.
#[derive(SettleBlock, Default, Debug)]
pub struct Ghash {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub en: Signal<In, Bit>,
    /// A block to absorb (this cycle).
    pub valid: Signal<In, Bit>,
    /// It is the first block of a message.
    pub first: Signal<In, Bit>,
    pub x0: Signal<In, Bits<32>>,
    pub x1: Signal<In, Bits<32>>,
    pub x2: Signal<In, Bits<32>>,
    pub x3: Signal<In, Bits<32>>,
    pub h0: Signal<In, Bits<32>>,
    pub h1: Signal<In, Bits<32>>,
    pub h2: Signal<In, Bits<32>>,
    pub h3: Signal<In, Bits<32>>,
    pub y0: Signal<Out, Bits<32>>,
    pub y1: Signal<Out, Bits<32>>,
    pub y2: Signal<Out, Bits<32>>,
    pub y3: Signal<Out, Bits<32>>,
    _y: u128,
}

impl Logic for Ghash {
    fn update(&mut self) {
        if self.clock.pos_edge() && self.en.val() && self.valid.val() {
            let x = lanes4([&self.x0, &self.x1, &self.x2, &self.x3]);
            let h = lanes4([&self.h0, &self.h1, &self.h2, &self.h3]);
            let a = if self.first.val() { x } else { self._y ^ x };
            self._y = gf::mul(a, h);
            let y = self._y;
            set4([&mut self.y0, &mut self.y1, &mut self.y2, &mut self.y3], y);
        }
    }

    fn connect(&mut self) {
        self.y0.connect();
        self.y1.connect();
        self.y2.connect();
        self.y3.connect();
    }

    fn hdl(&self) -> Verilog {
        Verilog::Custom(format!(
            "{}{}initial {{y0, y1, y2, y3}} = 128'd0;
always @(posedge clock)
  if (en && valid)
    {{y0, y1, y2, y3}} <= m;
",
            gf::verilog_function(),
            gf::verilog_multiplier(
                "m",
                "(first ? 128'd0 : {y0, y1, y2, y3}) ^ {x0, x1, x2, x3}",
                "{h0, h1, h2, h3}"
            )
        ))
    }
}

/// The fold: the tag from the final Y, the lengths block, H and E_K(J0).
#[derive(SettleBlock, Default, Debug)]
pub struct GcmFold {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub reset: Signal<In, Bit>,
    pub en: Signal<In, Bit>,
    pub valid: Signal<In, Bit>,
    pub y0: Signal<In, Bits<32>>,
    pub y1: Signal<In, Bits<32>>,
    pub y2: Signal<In, Bits<32>>,
    pub y3: Signal<In, Bits<32>>,
    /// The message's AAD and data lengths in octets.
    pub aad_len: Signal<In, Bits<32>>,
    pub data_len: Signal<In, Bits<32>>,
    pub h0: Signal<In, Bits<32>>,
    pub h1: Signal<In, Bits<32>>,
    pub h2: Signal<In, Bits<32>>,
    pub h3: Signal<In, Bits<32>>,
    pub e0: Signal<In, Bits<32>>,
    pub e1: Signal<In, Bits<32>>,
    pub e2: Signal<In, Bits<32>>,
    pub e3: Signal<In, Bits<32>>,
    pub tag_valid: Signal<Out, Bit>,
    pub tag0: Signal<Out, Bits<32>>,
    pub tag1: Signal<Out, Bits<32>>,
    pub tag2: Signal<Out, Bits<32>>,
    pub tag3: Signal<Out, Bits<32>>,
}

impl Logic for GcmFold {
    fn update(&mut self) {
        if !self.clock.pos_edge() {
            return;
        }
        if self.reset.val() {
            self.tag_valid.next = false;
        } else if self.en.val() {
            self.tag_valid.next = self.valid.val();
            let y = lanes4([&self.y0, &self.y1, &self.y2, &self.y3]);
            // len(A) ‖ len(C), in bits, 64 each.
            let l = ((self.aad_len.val().to_u64() as u128) << 3) << 64
                | (self.data_len.val().to_u64() as u128) << 3;
            let h = lanes4([&self.h0, &self.h1, &self.h2, &self.h3]);
            let e = lanes4([&self.e0, &self.e1, &self.e2, &self.e3]);
            set4(
                [
                    &mut self.tag0,
                    &mut self.tag1,
                    &mut self.tag2,
                    &mut self.tag3,
                ],
                gf::mul(y ^ l, h) ^ e,
            );
        }
    }

    fn connect(&mut self) {
        self.tag_valid.connect();
        self.tag0.connect();
        self.tag1.connect();
        self.tag2.connect();
        self.tag3.connect();
    }

    fn hdl(&self) -> Verilog {
        Verilog::Custom(format!(
            "{}{}initial begin tag_valid = 1'b0; {{tag0, tag1, tag2, tag3}} = 128'd0; end
always @(posedge clock)
  if (reset) tag_valid <= 1'b0;
  else if (en) begin
    tag_valid <= valid;
    {{tag0, tag1, tag2, tag3}} <= m ^ {{e0, e1, e2, e3}};
  end
",
            gf::verilog_function(),
            gf::verilog_multiplier(
                "m",
                "{y0, y1, y2, y3} ^ {29'd0, aad_len, 3'd0, 29'd0, data_len, 3'd0}",
                "{h0, h1, h2, h3}"
            )
        ))
    }
}
