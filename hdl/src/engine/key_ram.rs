//! The key table: SAKs written by the host through the TABLES window and never read back over
//! the bus. The only read port feeds the key expanders when an SA takes a key. The key words are
//! a simple dual-port memory with a registered read (block RAM's shape), read every cycle at
//! `raddr`: the window presents the address from the command's registers a cycle before the key
//! expander takes the words. Each slot's valid and key-length bits sit beside it in registers,
//! read combinationally, so the command can be checked in the cycle it executes. The words read
//! as zeros unless their slot was valid when they were read. A clear (reset or CONTROL.RESET)
//! drops every valid bit at once, then overwrites the words with zeros one slot per cycle
//! (`wiping` meanwhile; writes wait for it: the window holds its command until the wipe is
//! done). Key words are zeroized when the simulation model is dropped and never appear in its
//! Debug output.

use super::params::KEY_BITS;
use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;
use zeroize::Zeroize;

use super::params::KEY_SLOTS;

#[derive(Clone, Copy, Default)]
struct Slot {
    words: [u32; 8],
    aes256: bool,
    valid: bool,
}

#[derive(SettleBlock, Default)]
// Its logic reads an output it writes (so a move of it runs the logic again).
#[settle(reads_outputs)]
pub struct KeyRam {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    /// Erases every slot.
    pub clear: Signal<In, Bit>,
    pub we: Signal<In, Bit>,
    pub waddr: Signal<In, Bits<KEY_BITS>>,
    pub w0: Signal<In, Bits<32>>,
    pub w1: Signal<In, Bits<32>>,
    pub w2: Signal<In, Bits<32>>,
    pub w3: Signal<In, Bits<32>>,
    pub w4: Signal<In, Bits<32>>,
    pub w5: Signal<In, Bits<32>>,
    pub w6: Signal<In, Bits<32>>,
    pub w7: Signal<In, Bits<32>>,
    pub w_256: Signal<In, Bit>,
    pub w_valid: Signal<In, Bit>,
    pub raddr: Signal<In, Bits<KEY_BITS>>,
    pub r0: Signal<Out, Bits<32>>,
    pub r1: Signal<Out, Bits<32>>,
    pub r2: Signal<Out, Bits<32>>,
    pub r3: Signal<Out, Bits<32>>,
    pub r4: Signal<Out, Bits<32>>,
    pub r5: Signal<Out, Bits<32>>,
    pub r6: Signal<Out, Bits<32>>,
    pub r7: Signal<Out, Bits<32>>,
    pub r_256: Signal<Out, Bit>,
    pub r_valid: Signal<Out, Bit>,
    /// The words are being overwritten after a clear; writes are ignored until it is done.
    pub wiping: Signal<Out, Bit>,
    /// The next slot the wipe overwrites.
    _wipe_at: usize,
    _mem: Slots,
    /// The registered read: the words and whether their slot was valid.
    _rd: Slot,
}

impl std::fmt::Debug for KeyRam {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KeyRam([REDACTED])")
    }
}

/// The slots; their key words are zeroized on drop.
#[derive(Default)]
struct Slots(Vec<Slot>);

impl Drop for Slots {
    fn drop(&mut self) {
        for s in &mut self.0 {
            s.words.zeroize();
        }
    }
}

impl KeyRam {
    pub fn new() -> KeyRam {
        KeyRam {
            _mem: Slots(vec![Slot::default(); KEY_SLOTS]),
            ..Default::default()
        }
    }
}

impl Logic for KeyRam {
    fn update(&mut self) {
        if self.clock.pos_edge() {
            // The read register takes the entry before this edge's write (a read-first port).
            self._rd = self._mem.0[self.raddr.val().index()];
            if self.clear.val() {
                // The words are unreachable once their valid bits clear; the wipe follows.
                for s in &mut self._mem.0 {
                    s.valid = false;
                    s.aes256 = false;
                }
                self._wipe_at = 0;
                self.wiping.next = true;
            } else if self.wiping.val() {
                self._mem.0[self._wipe_at].words.zeroize();
                if self._wipe_at == KEY_SLOTS - 1 {
                    self.wiping.next = false;
                } else {
                    self._wipe_at += 1;
                }
            } else if self.we.val() {
                let w = [
                    &self.w0, &self.w1, &self.w2, &self.w3, &self.w4, &self.w5, &self.w6, &self.w7,
                ]
                .map(|x| x.val().to_u32());
                let valid = self.w_valid.val();
                let s = &mut self._mem.0[self.waddr.val().index()];
                // An erased slot keeps no key material.
                s.words = if valid { w } else { [0; 8] };
                s.aes256 = valid && self.w_256.val();
                s.valid = valid;
            }
        }
        let words = if self._rd.valid {
            self._rd.words
        } else {
            [0; 8]
        };
        let outs = [
            &mut self.r0,
            &mut self.r1,
            &mut self.r2,
            &mut self.r3,
            &mut self.r4,
            &mut self.r5,
            &mut self.r6,
            &mut self.r7,
        ];
        for (o, w) in outs.into_iter().zip(words) {
            o.next = (w as u64).into();
        }
        let s = self._mem.0[self.raddr.val().index()];
        self.r_256.next = s.valid && s.aes256;
        self.r_valid.next = s.valid;
    }

    fn connect(&mut self) {
        for o in [
            &mut self.r0,
            &mut self.r1,
            &mut self.r2,
            &mut self.r3,
            &mut self.r4,
            &mut self.r5,
            &mut self.r6,
            &mut self.r7,
        ] {
            o.connect();
        }
        self.r_256.connect();
        self.r_valid.connect();
        self.wiping.connect();
    }

    fn hdl(&self) -> Verilog {
        Verilog::Custom(format!(
            "// The words in a memory with a registered read; the valid and key-length bits beside
// it as packed vectors, so that a clear is one assignment.
reg [255:0] mem [0:{m}];
reg [255:0] rd;
reg rd_valid;
reg [{m}:0] vbits;
reg [{m}:0] lbits;
reg [{kb_m}:0] wipe_at;
integer i;
initial begin
  for (i = 0; i <= {m}; i = i + 1) mem[i] = 256'd0;
  rd = 256'd0; rd_valid = 1'b0; vbits = {n}'d0; lbits = {n}'d0; wiping = 1'b0; wipe_at = {kb}'d0;
end
always @(posedge clock) begin
  rd <= mem[raddr];
  rd_valid <= vbits[raddr];
  if (clear) begin
    vbits <= {n}'d0;
    lbits <= {n}'d0;
    wiping <= 1'b1;
    wipe_at <= {kb}'d0;
  end else if (wiping) begin
    mem[wipe_at] <= 256'd0;
    if (wipe_at == {kb}'d{m}) wiping <= 1'b0;
    else wipe_at <= wipe_at + {kb}'d1;
  end else if (we) begin
    mem[waddr] <= w_valid ? {{w0, w1, w2, w3, w4, w5, w6, w7}} : 256'd0;
    vbits[waddr] <= w_valid;
    lbits[waddr] <= w_valid && w_256;
  end
end
always @(*) begin
  r_valid = vbits[raddr];
  r_256 = vbits[raddr] && lbits[raddr];
  {{r0, r1, r2, r3, r4, r5, r6, r7}} = rd_valid ? rd : 256'd0;
end
",
            m = KEY_SLOTS - 1,
            n = KEY_SLOTS,
            kb = KEY_BITS,
            kb_m = KEY_BITS - 1,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tick(k: &mut KeyRam) {
        k.clock.next = false.into();
        simulate(k, 50);
        k.clock.next = true.into();
        simulate(k, 50);
    }

    /// The words themselves, not only their valid bits, are gone once a clear's wipe is done
    /// (the Verilog's wipe is the same loop; the lockstep runs hold the two equal).
    #[test]
    fn a_clear_overwrites_every_word() {
        let mut k = KeyRam::new();
        k.connect_all();
        k.we.next = true;
        k.w_valid.next = true;
        for (i, w) in [
            &mut k.w0, &mut k.w1, &mut k.w2, &mut k.w3, &mut k.w4, &mut k.w5, &mut k.w6, &mut k.w7,
        ]
        .into_iter()
        .enumerate()
        {
            w.next = (0xA5A5_0000 + i as u64).into();
        }
        for slot in [0u64, 5, KEY_SLOTS as u64 - 1] {
            k.waddr.next = slot.into();
            tick(&mut k);
        }
        assert_eq!(k._mem.0.iter().filter(|s| s.valid).count(), 3);
        k.we.next = false;
        k.clear.next = true;
        tick(&mut k);
        k.clear.next = false;
        assert!(k._mem.0.iter().all(|s| !s.valid));
        let mut n = 0;
        while k.wiping.val() {
            // A write while wiping is ignored.
            k.we.next = true;
            tick(&mut k);
            n += 1;
        }
        assert_eq!(n, KEY_SLOTS);
        assert!(k._mem.0.iter().all(|s| s.words == [0; 8] && !s.valid));
    }
}
