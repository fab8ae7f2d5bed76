//! The AES pipeline: fifteen stages, one block in and one out per cycle. Stage 0 registers the
//! block, stage 1 adds round key 0 and runs round 1, stages 2..14 run rounds 2..14; AES-128 blocks
//! pass stages 11..14 unchanged, so both key sizes take 15 cycles. Each round has a memory of its
//! own holding that round's key for every key slot (written once, when a key is installed), with a
//! synchronous read port: the key of a block is read at the edge the block enters the stage
//! before the one that uses it (the slot number travels beside the block, so it is known a stage
//! early), which is the shape a synthesis tool maps to block RAM. Round keys 0 and 1 are both
//! read as the block enters stage 0. The read registers advance with the pipeline (`en`) and
//! clear with it on reset. The payload and its metadata travel beside the block.
//!
//! A leaf with a hand-written Verilog body: the Icarus replay test checks it cycle for cycle.

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

use crate::aes;

mod verilog;

/// Key slots: the key table's (`engine::params`), each addressed by a `KEY_BITS`-bit index.
pub const KEY_BITS: usize = crate::engine::params::KEY_BITS;
pub const KEYS: usize = crate::engine::params::KEY_SLOTS;
/// Pipeline stages.
pub const STAGES: usize = 15;

#[derive(Clone, Copy, Default, Debug)]
struct Slot {
    s: [u32; 4],
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
    /// Round key `r` of slot `k` at `r * KEYS + k`: fifteen memories, one per round.
    _rk: Vec<[u32; 4]>,
    /// Each round memory's read register.
    _rd: Box<[[u32; 4]; STAGES]>,
    _st: Box<[Slot; STAGES]>,
}

impl AesPipeline {
    pub fn new() -> Self {
        AesPipeline {
            _rk: vec![[0; 4]; STAGES * KEYS],
            ..Default::default()
        }
    }

    /// Round `round` (1..=14) applied to a block with its round key `rk`.
    fn stage(round: usize, x: &Slot, s: [u32; 4], rk: [u32; 4]) -> Slot {
        let last = if x.k256 { 14 } else { 10 };
        let s = if round < last {
            aes::round(s, rk)
        } else if round == last {
            aes::final_round(s, rk)
        } else {
            s
        };
        Slot { s, ..*x }
    }

    /// The round memories' reads at this edge, before it writes (a read-first port).
    fn read_keys(&self) -> [[u32; 4]; STAGES] {
        let key_in = self.key_in.val().index();
        let mut rd = [[0; 4]; STAGES];
        for (r, d) in rd.iter_mut().enumerate() {
            let slot = if r < 2 {
                key_in
            } else {
                self._st[r - 2].key as usize
            };
            *d = self._rk[r * KEYS + slot];
        }
        rd
    }
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
            if r < STAGES {
                self._rk[r * KEYS + slot] = l;
            }
        }
        if self.rk_wipe.val() {
            for r in 0..STAGES {
                self._rk[r * KEYS + slot] = l;
            }
        }
        if self.reset.val() {
            *self._st = [Slot::default(); STAGES];
            *self._rd = [[0; 4]; STAGES];
        } else if self.en.val() {
            let rd = *self._rd;
            for r in (2..STAGES).rev() {
                let prev = self._st[r - 1];
                self._st[r] = Self::stage(r, &prev, prev.s, rd[r]);
            }
            let first = self._st[0];
            let s = first.s;
            let added = [
                s[0] ^ rd[0][0],
                s[1] ^ rd[0][1],
                s[2] ^ rd[0][2],
                s[3] ^ rd[0][3],
            ];
            self._st[1] = Self::stage(1, &first, added, rd[1]);
            self._st[0] = Slot {
                s: [&self.s_in0, &self.s_in1, &self.s_in2, &self.s_in3].map(|x| x.val().to_u32()),
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
        self.s_out0.next = (o.s[0] as u64).into();
        self.s_out1.next = (o.s[1] as u64).into();
        self.s_out2.next = (o.s[2] as u64).into();
        self.s_out3.next = (o.s[3] as u64).into();
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
