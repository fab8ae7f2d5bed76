//! The AES pipeline: one block in and one out per cycle, sixteen registers long. Stage 0
//! registers the block; stages 1..14 each hold a round's S-box lookups, in block RAM (a ROM of
//! the T-box, `aes::TBOX`, two lookups per RAM); stage 15 registers the block out. Between the
//! lookups there is only MixColumns (XORs, since the T-box gives S and 2·S) and the round key:
//! stage i's output x_i = MixColumns(lookups_i) ⊕ key_i feeds the next stage's RAM addresses,
//! and the last round (stage 14) leaves MixColumns out. AES-256 blocks add round key 0 at stage 0
//! and run rounds 1..14 at stages 1..14; AES-128 blocks wait in plain registers and start at
//! stage `AES128_START` (4) with round key 0, so both key sizes end at stage 14 and take the same
//! 16 cycles.
//!
//! Each stage has a memory of its own holding its round key for every key slot (the key
//! expander writes round r of a 256-bit key to memory r, of a 128-bit key to memory r + 4), with
//! a synchronous read port: the key of a block is read at the edge the block enters the stage
//! that uses it, addressed by the slot number travelling beside the block. The read registers
//! and the lookups advance with the pipeline (`en`) and clear with it on reset. The payload and
//! its metadata travel beside the block.
//!
//! A leaf with a hand-written Verilog body: the Icarus replay test checks it cycle for cycle.

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use crate::aes;

mod verilog;

/// Key slots: the key table's (`engine::params`), each addressed by a `KEY_BITS`-bit index.
pub const KEY_BITS: usize = crate::engine::params::KEY_BITS;
pub const KEYS: usize = crate::engine::params::KEY_SLOTS;
/// Round-key memories, one per stage 0..14.
pub const ROUNDS: usize = 15;
/// Pipeline registers: the input, fourteen rounds, the output.
pub const STAGES: usize = 16;
/// The stage at which AES-128 blocks take round key 0.
pub const AES128_START: usize = 4;

/// What travels beside a block.
#[derive(Clone, Copy, Default, Debug)]
struct Slot {
    aux: [u32; 4],
    meta: u32,
    key: u8,
    k256: bool,
}

#[derive(SettleBlock, Default, Debug)]
pub struct AesPipeline {
    _settle: crate::dff::SettleState,
    pub clock: Signal<In, Clock>,
    pub reset: Signal<In, Bit>,
    /// Pipeline advance.
    pub en: Signal<In, Bit>,
    pub s_in0: Signal<In, Bits<32>>,
    pub s_in1: Signal<In, Bits<32>>,
    pub s_in2: Signal<In, Bits<32>>,
    pub s_in3: Signal<In, Bits<32>>,
    pub k256_in: Signal<In, Bit>,
    pub key_in: Signal<In, Bits<KEY_BITS>>,
    pub aux_in0: Signal<In, Bits<32>>,
    pub aux_in1: Signal<In, Bits<32>>,
    pub aux_in2: Signal<In, Bits<32>>,
    pub aux_in3: Signal<In, Bits<32>>,
    pub meta_in: Signal<In, Bits<32>>,
    pub s_out0: Signal<Out, Bits<32>>,
    pub s_out1: Signal<Out, Bits<32>>,
    pub s_out2: Signal<Out, Bits<32>>,
    pub s_out3: Signal<Out, Bits<32>>,
    pub key_out: Signal<Out, Bits<KEY_BITS>>,
    /// The key slot of the block in the stage before the last: `key_out` a cycle ahead, for
    /// memories read through a register behind the pipeline.
    pub key_next: Signal<Out, Bits<KEY_BITS>>,
    pub aux_out0: Signal<Out, Bits<32>>,
    pub aux_out1: Signal<Out, Bits<32>>,
    pub aux_out2: Signal<Out, Bits<32>>,
    pub aux_out3: Signal<Out, Bits<32>>,
    pub meta_out: Signal<Out, Bits<32>>,
    /// Round-key write port: round key `rk_round` of slot `rk_addr`.
    pub rk_we: Signal<In, Bit>,
    pub rk_round: Signal<In, Bits<4>>,
    pub rk_addr: Signal<In, Bits<KEY_BITS>>,
    pub rk_data0: Signal<In, Bits<32>>,
    pub rk_data1: Signal<In, Bits<32>>,
    pub rk_data2: Signal<In, Bits<32>>,
    pub rk_data3: Signal<In, Bits<32>>,
    /// The key expander's wipe after a reset: every round's memory takes the data (zeros) at
    /// `rk_addr`.
    pub rk_wipe: Signal<In, Bit>,
    /// Round key memory `r`, slot `k`, at `r * KEYS + k`.
    _rk: Vec<[u32; 4]>,
    /// Each round memory's read register.
    _rd: Box<[[u32; 4]; ROUNDS]>,
    /// Stages 1..14's lookups, kept as what the logic after them makes of them without the round
    /// key: MixColumns of the S-boxes' outputs (stage 14: the S-boxes' outputs).
    _m: Box<[[u32; 4]; ROUNDS]>,
    /// The block at stage 0, and AES-128 blocks waiting at stages 1..4.
    _p: [[u32; 4]; AES128_START + 1],
    /// Stage 15.
    _out: [u32; 4],
    _st: Box<[Slot; STAGES]>,
}

impl AesPipeline {
    pub fn new() -> Self {
        AesPipeline {
            _rk: vec![[0; 4]; ROUNDS * KEYS],
            ..Default::default()
        }
    }

    /// The round memories' reads at this edge, before it writes (a read-first port): memory 0
    /// for the block entering stage 0, memory r for the block entering stage r.
    fn read_keys(&self) -> [[u32; 4]; ROUNDS] {
        let key_in = self.key_in.val().index();
        let mut rd = [[0; 4]; ROUNDS];
        for (r, d) in rd.iter_mut().enumerate() {
            let slot = if r == 0 {
                key_in
            } else {
                self._st[r - 1].key as usize
            };
            *d = self._rk[r * KEYS + slot];
        }
        rd
    }

    /// x_r: what stage r presents to stage r + 1's lookups (r < 14).
    fn x(&self, r: usize) -> [u32; 4] {
        let v = if r == 0 || (r == AES128_START && !self._st[r].k256) {
            self._p[r]
        } else {
            self._m[r]
        };
        xor(v, self._rd[r])
    }
}

fn xor(a: [u32; 4], b: [u32; 4]) -> [u32; 4] {
    [a[0] ^ b[0], a[1] ^ b[1], a[2] ^ b[2], a[3] ^ b[3]]
}

impl Logic for AesPipeline {
    fn update(&mut self) {
        if !self.clock.pos_edge() {
            return;
        }
        let read = self.read_keys();
        let l = [
            &self.rk_data0,
            &self.rk_data1,
            &self.rk_data2,
            &self.rk_data3,
        ]
        .map(|x| x.val().to_u32());
        let slot = self.rk_addr.val().index();
        if self.rk_we.val() {
            let r = self.rk_round.val().index();
            if r < ROUNDS {
                self._rk[r * KEYS + slot] = l;
            }
        }
        if self.rk_wipe.val() {
            for r in 0..ROUNDS {
                self._rk[r * KEYS + slot] = l;
            }
        }
        if self.reset.val() {
            *self._st = [Slot::default(); STAGES];
            *self._rd = [[0; 4]; ROUNDS];
            *self._m = [[0; 4]; ROUNDS];
            self._p = Default::default();
            self._out = [0; 4];
        } else if self.en.val() {
            let last = ROUNDS - 1;
            self._out = xor(self._m[last], self._rd[last]);
            self._m[last] = aes::final_round(self.x(last - 1), [0; 4]);
            for r in (1..last).rev() {
                self._m[r] = aes::round(self.x(r - 1), [0; 4]);
            }
            for r in (1..=AES128_START).rev() {
                self._p[r] = self._p[r - 1];
            }
            self._p[0] =
                [&self.s_in0, &self.s_in1, &self.s_in2, &self.s_in3].map(|x| x.val().to_u32());
            for r in (1..STAGES).rev() {
                self._st[r] = self._st[r - 1];
            }
            self._st[0] = Slot {
                aux: [&self.aux_in0, &self.aux_in1, &self.aux_in2, &self.aux_in3]
                    .map(|x| x.val().to_u32()),
                meta: self.meta_in.val().to_u32(),
                key: self.key_in.val().index() as u8,
                k256: self.k256_in.val(),
            };
            *self._rd = read;
        } else {
            return;
        }
        let o = self._st[STAGES - 1];
        let s = self._out;
        self.s_out0.next = (s[0] as u64).into();
        self.s_out1.next = (s[1] as u64).into();
        self.s_out2.next = (s[2] as u64).into();
        self.s_out3.next = (s[3] as u64).into();
        self.aux_out0.next = (o.aux[0] as u64).into();
        self.aux_out1.next = (o.aux[1] as u64).into();
        self.aux_out2.next = (o.aux[2] as u64).into();
        self.aux_out3.next = (o.aux[3] as u64).into();
        self.meta_out.next = (o.meta as u64).into();
        self.key_out.next = (o.key as u64).into();
        self.key_next.next = (self._st[STAGES - 2].key as u64).into();
    }

    fn connect(&mut self) {
        self.s_out0.connect();
        self.s_out1.connect();
        self.s_out2.connect();
        self.s_out3.connect();
        self.key_out.connect();
        self.key_next.connect();
        self.aux_out0.connect();
        self.aux_out1.connect();
        self.aux_out2.connect();
        self.aux_out3.connect();
        self.meta_out.connect();
    }

    fn hdl(&self) -> Verilog {
        verilog::body()
    }
}
