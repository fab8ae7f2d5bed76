//! The TABLES window's DATA words as one bank: the host writes them one at a time over the
//! bus, a finished command clears them all (a write's words never read back) or, for a
//! successful read, loads the entry into them, and the bus reads one of them.
//!
//! Per word, at the edge: reset → 0; else a bus write to that word → the written value; else a
//! finished command → the loaded value (`load`) or 0; else it keeps its value.

use macsec_hdl_derive::SettleBlock;
use macsec_model::regmap::tables::{key, rx_sa, rx_sc, tx_sa, window as tw};
use rust_hdl::prelude::*;

/// DATA words in the window (the register map's).
pub const WORDS: usize = tw::DATA_WORDS as usize;
/// The words an entry spans at most (RX_SA's, its 128-bit key identifier last): those the
/// tables take and a read loads. The rest are there for the bus only (they load 0).
pub const ENTRY_WORDS: usize = rx_sa::KEY_ID_WORD as usize + 4;
const _: () = assert!(
    WORDS == 16 && ENTRY_WORDS == 13,
    "the ports below are written out for 16 words, 13 of an entry"
);

/// The DATA word after the last one of a table's entry.
const fn end(words: &[macsec_model::regmap::Word]) -> usize {
    let mut i = 0;
    let mut n = 0;
    while i < words.len() {
        if words[i].index as usize + 1 > n {
            n = words[i].index as usize + 1;
        }
        i += 1;
    }
    n
}
const _: () = assert!(
    end(key::WORDS) <= ENTRY_WORDS
        && end(tx_sa::WORDS) + 3 <= ENTRY_WORDS
        && end(rx_sc::WORDS) <= ENTRY_WORDS
        && end(rx_sa::WORDS) + 3 == ENTRY_WORDS
);

#[derive(SettleBlock, Default, Debug)]
pub struct DataBank {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub reset: Signal<In, Bit>,
    /// A bus write of word `widx`.
    pub we: Signal<In, Bit>,
    pub widx: Signal<In, Bits<4>>,
    pub wdata: Signal<In, Bits<32>>,
    /// A command finished: every word takes 0, or (entry words) its `l` value with `load`.
    pub done: Signal<In, Bit>,
    pub load: Signal<In, Bit>,
    pub l0: Signal<In, Bits<32>>,
    pub l1: Signal<In, Bits<32>>,
    pub l2: Signal<In, Bits<32>>,
    pub l3: Signal<In, Bits<32>>,
    pub l4: Signal<In, Bits<32>>,
    pub l5: Signal<In, Bits<32>>,
    pub l6: Signal<In, Bits<32>>,
    pub l7: Signal<In, Bits<32>>,
    pub l8: Signal<In, Bits<32>>,
    pub l9: Signal<In, Bits<32>>,
    pub l10: Signal<In, Bits<32>>,
    pub l11: Signal<In, Bits<32>>,
    pub l12: Signal<In, Bits<32>>,
    /// Word `ridx`, for the bus read.
    pub ridx: Signal<In, Bits<4>>,
    pub rdata: Signal<Out, Bits<32>>,
    pub q0: Signal<Out, Bits<32>>,
    pub q1: Signal<Out, Bits<32>>,
    pub q2: Signal<Out, Bits<32>>,
    pub q3: Signal<Out, Bits<32>>,
    pub q4: Signal<Out, Bits<32>>,
    pub q5: Signal<Out, Bits<32>>,
    pub q6: Signal<Out, Bits<32>>,
    pub q7: Signal<Out, Bits<32>>,
    pub q8: Signal<Out, Bits<32>>,
    pub q9: Signal<Out, Bits<32>>,
    pub q10: Signal<Out, Bits<32>>,
    pub q11: Signal<Out, Bits<32>>,
    pub q12: Signal<Out, Bits<32>>,
    _d: [u32; WORDS],
}

impl DataBank {
    fn loads(&self) -> [u32; ENTRY_WORDS] {
        [
            &self.l0, &self.l1, &self.l2, &self.l3, &self.l4, &self.l5, &self.l6, &self.l7,
            &self.l8, &self.l9, &self.l10, &self.l11, &self.l12,
        ]
        .map(|x| x.val().to_u32())
    }

    fn outs(&mut self) -> [&mut Signal<Out, Bits<32>>; ENTRY_WORDS] {
        [
            &mut self.q0,
            &mut self.q1,
            &mut self.q2,
            &mut self.q3,
            &mut self.q4,
            &mut self.q5,
            &mut self.q6,
            &mut self.q7,
            &mut self.q8,
            &mut self.q9,
            &mut self.q10,
            &mut self.q11,
            &mut self.q12,
        ]
    }
}

impl Logic for DataBank {
    fn update(&mut self) {
        if self.clock.pos_edge() {
            let l = self.loads();
            let (we, wi, w) = (
                self.we.val(),
                self.widx.val().index(),
                self.wdata.val().to_u32(),
            );
            let (done, load, reset) = (self.done.val(), self.load.val(), self.reset.val());
            for (i, d) in self._d.iter_mut().enumerate() {
                *d = if reset {
                    0
                } else if we && wi == i {
                    w
                } else if done {
                    if load {
                        l.get(i).copied().unwrap_or(0)
                    } else {
                        0
                    }
                } else {
                    *d
                };
            }
        }
        let d = self._d;
        for (o, v) in self.outs().into_iter().zip(d) {
            o.next = (v as u64).into();
        }
        self.rdata.next = (d[self.ridx.val().index()] as u64).into();
    }

    fn connect(&mut self) {
        for o in self.outs() {
            o.connect();
        }
        self.rdata.connect();
    }

    fn hdl(&self) -> Verilog {
        let l: Vec<String> = (0..ENTRY_WORDS).rev().map(|i| format!("l{i}")).collect();
        let q: String = (0..ENTRY_WORDS)
            .map(|i| format!("  q{i} = d[{i}];\n"))
            .collect();
        Verilog::Custom(format!(
            "reg [31:0] d [0:{m}];
wire [32*{n}-1:0] l = {{{zw}'d0, {l}}};
integer i;
initial for (i = 0; i <= {m}; i = i + 1) d[i] = 32'd0;
always @(posedge clock)
  for (i = 0; i <= {m}; i = i + 1)
    if (reset) d[i] <= 32'd0;
    else if (we && widx == i[3:0]) d[i] <= wdata;
    else if (done) d[i] <= load ? l[32*i +: 32] : 32'd0;
always @(*) begin
{q}  rdata = d[ridx];
end
",
            m = WORDS - 1,
            n = WORDS,
            zw = 32 * (WORDS - ENTRY_WORDS),
            l = l.join(", "),
        ))
    }
}
