//! One card or two back to back, with the golden model beside them.

use std::collections::VecDeque;

use macsec_model::card::counter_value;
use macsec_model::regmap::{counters, Scope};
use macsec_model::secy::{RxSaParams, TxSaParams};
use macsec_model::{Backend, Config, FrameBuf, Sak, Salt, Sci, SecY};

use super::ctx;
use crate::card::Card;
use crate::stats::CardCounters;
use crate::TxCompletion;

/// A card and the driver on it, with the harness's port to its wire and faults.
pub struct Rig {
    pub port: Box<dyn super::TestPort>,
    pub card: Card,
}

impl std::fmt::Debug for Rig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rig").field("card", &self.card).finish()
    }
}

impl std::fmt::Debug for Pair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pair")
            .field("a", &self.a)
            .field("b", &self.b)
            .finish_non_exhaustive()
    }
}

impl Rig {
    /// Program a transmitter: the SecY `ctl`, an encrypting GCM-AES-128 SA 0 from `next_pn`,
    /// rings of 16 entries.
    pub fn transmitter(
        &mut self,
        ctl: &macsec_model::secy::SecYControls,
        next_pn: u64,
    ) -> Result<(), String> {
        ctx(self.card.set_secy(ctl, Sci(0x77)), "SecY")?;
        let tx = TxSaParams {
            sak: ctx(Sak::new(&[1; 16]), "key")?,
            next_pn,
            ssci: None,
            salt: None,
            confidentiality: true,
            enable: true,
        };
        ctx(self.card.install_tx_sa(0, &tx), "TX SA")?;
        ctx(self.card.setup_rings(4, 2048), "rings")
    }
}

/// What a run through a [`Pair`] came to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Score {
    pub frames_sent: u64,
    /// Left A on the wire.
    pub frames_transmitted: u64,
    /// Reached B's host.
    pub frames_delivered: u64,
    /// Discarded and counted by a SecY (either side).
    pub frames_discarded: u64,
    /// Dropped by B's DMA side (RX_RING.DROPS: no buffer, too long, ...).
    pub ring_drops: u64,
    /// Frames put on the wire by the test itself (bad frames).
    pub frames_injected: u64,
    pub rekeys: u64,
    /// How many comparisons failed.
    pub mismatch_count: u64,
    /// The first hundred of them, described.
    pub mismatches: Vec<String>,
    pub wire_octets: u64,
}

impl Score {
    /// Frames neither delivered nor counted as dropped anywhere.
    pub fn lost(&self) -> u64 {
        (self.frames_sent + self.frames_injected)
            .saturating_sub(self.frames_delivered + self.frames_discarded + self.ring_drops)
    }

    /// Add another run's score to this one (keeping the first hundred mismatches).
    pub fn merge(&mut self, s: &Score) {
        self.frames_sent += s.frames_sent;
        self.frames_transmitted += s.frames_transmitted;
        self.frames_delivered += s.frames_delivered;
        self.frames_discarded += s.frames_discarded;
        self.frames_injected += s.frames_injected;
        self.ring_drops += s.ring_drops;
        self.rekeys += s.rekeys;
        self.mismatch_count += s.mismatch_count;
        self.wire_octets += s.wire_octets;
        let room = 100usize.saturating_sub(self.mismatches.len());
        self.mismatches
            .extend(s.mismatches.iter().take(room).cloned());
    }

    pub(crate) fn mismatch(&mut self, m: String) {
        self.mismatch_count += 1;
        if self.mismatches.len() < 100 {
            self.mismatches.push(m);
        }
    }
}

/// A frame the golden receiver delivered: (counter id, AN, PN, frame).
pub(crate) type Expected = (u8, Option<u8>, u64, Vec<u8>);

/// Card A's wire is card B's wire, each programmed through the driver, with the golden model.
pub struct Pair {
    pub a: Rig,
    pub b: Rig,
    pub golden_tx: SecY,
    pub golden_rx: SecY,
    /// Frames the golden receiver delivered and B has not yet: (counter id, AN, PN, frame).
    pub(crate) expected: VecDeque<Expected>,
    /// Frames the golden transmitter sent and A has not yet.
    pub(crate) expected_wire: VecDeque<Vec<u8>>,
    pub(crate) buf: FrameBuf,
    pub(crate) tx_cpl: Vec<TxCompletion>,
    /// What a rekey keeps from A's first SA.
    ssci: u32,
    salt: Salt,
    encrypt: bool,
}

impl Pair {
    /// Program both cards from their configurations and set up rings of 2^`log` entries.
    pub fn new(bench: &dyn super::Bench, a: &Config, b: &Config, log: u32) -> Result<Self, String> {
        let mut pair = Pair {
            a: bench.rig(0)?,
            b: bench.rig(1)?,
            golden_tx: ctx(a.build(Backend::Ring), "golden A")?,
            golden_rx: ctx(b.build(Backend::Ring), "golden B")?,
            expected: VecDeque::new(),
            expected_wire: VecDeque::new(),
            buf: FrameBuf::with_capacity(16384),
            tx_cpl: Vec::new(),
            ssci: 1,
            salt: [0; 12],
            encrypt: a.encrypt,
        };
        pair.program(a, b, log)?;
        Ok(pair)
    }

    /// Reset both cards and program them afresh (the same cards, a new configuration), with
    /// golden SecYs to match.
    pub fn reprogram(&mut self, a: &Config, b: &Config, log: u32) -> Result<(), String> {
        ctx(self.a.card.reset(), "reset A")?;
        ctx(self.b.card.reset(), "reset B")?;
        self.golden_tx = ctx(a.build(Backend::Ring), "golden A")?;
        self.golden_rx = ctx(b.build(Backend::Ring), "golden B")?;
        self.expected.clear();
        self.expected_wire.clear();
        self.program(a, b, log)
    }

    fn program(&mut self, a: &Config, b: &Config, log: u32) -> Result<(), String> {
        ctx(self.a.card.apply(a), "apply A")?;
        ctx(self.b.card.apply(b), "apply B")?;
        ctx(self.a.card.setup_rings(log, 16384), "rings A")?;
        ctx(self.b.card.setup_rings(log, 16384), "rings B")?;
        let first = a.tx_sa.first();
        self.ssci = first.and_then(|s| s.ssci).unwrap_or(1);
        self.salt = first.and_then(|s| s.salt).unwrap_or([0; 12]);
        self.encrypt = first.and_then(|s| s.encrypt).unwrap_or(a.encrypt);
        Ok(())
    }

    /// Rekey A's transmit SC to a new key: B (and the golden receiver) get the receive SA for the
    /// next AN first, then A installs its SA and arms the switchover, which the golden
    /// transmitter mirrors at the same frame. Returns the new AN.
    pub fn rekey(&mut self, sak: &Sak, score: &mut Score) -> Result<u8, String> {
        let suite = self.golden_tx.controls().cipher_suite;
        let xpn = suite.is_xpn();
        let sci = self.golden_tx.tx_sc().sci;
        let cur = ctx(self.a.card.encoding_sa(), "encoding SA")?;
        let next = (cur + 1) % 4;
        // Keep whatever SSCI and salt the SC uses; a fresh SAK starts at PN 1.
        let (ssci, salt) = if xpn {
            (Some(self.ssci), Some(self.salt))
        } else {
            (None, None)
        };
        let rx = RxSaParams {
            sak: sak.clone(),
            next_pn: 1,
            lowest_pn: None,
            ssci,
            salt,
            enable: true,
        };
        let tx = TxSaParams {
            sak: sak.clone(),
            next_pn: 1,
            ssci,
            salt,
            confidentiality: self.encrypt,
            enable: true,
        };
        ctx(self.b.card.install_rx_sa(sci, next, &rx), "install RX SA")?;
        ctx(self.golden_rx.install_rx_sa(sci, next, &rx), "golden RX SA")?;
        let got = ctx(self.a.card.rekey(&tx), "rekey")?;
        if got != next {
            return Err(format!("rekey chose AN {got}, expected {next}"));
        }
        ctx(self.golden_tx.install_tx_sa(next, &tx), "golden TX SA")?;
        ctx(self.golden_tx.set_encoding_sa(next), "golden switch")?;
        score.rekeys += 1;
        Ok(next)
    }

    /// Compare every counter of both cards with the golden SecYs; the differences.
    pub fn compare_counters(&self) -> Result<Vec<String>, String> {
        let mut out = Vec::new();
        for (name, rig, golden) in [
            ("A", &self.a, &self.golden_tx),
            ("B", &self.b, &self.golden_rx),
        ] {
            let got = ctx(rig.card.counters(), "counters")?;
            let want = golden_counters(golden, &rig.card, &got);
            for (k, v) in &got {
                if want.get(k) != Some(v) {
                    out.push(format!(
                        "card {name} {k}: card {v}, golden {:?}",
                        want.get(k)
                    ));
                }
            }
        }
        Ok(out)
    }
}

/// The golden SecY's counters under the names [`Card::counters`] uses, for the same keys.
pub fn golden_counters(secy: &SecY, card: &Card, keys: &CardCounters) -> CardCounters {
    let slot_sci = |i: usize| -> Option<Sci> {
        // The card's SC slots, as the driver programmed them.
        card.rx_sc_sci(i as u16)
    };
    let mut out = CardCounters::new();
    for key in keys.keys() {
        let (head, name) = key.split_once('.').unwrap_or((key, ""));
        let (scope_name, index) = match head.split_once('[') {
            Some((s, i)) => (s, i.trim_end_matches(']').parse().unwrap_or(0)),
            None => (head, 0),
        };
        let Some(scope) = Scope::ALL.into_iter().find(|s| s.name() == scope_name) else {
            continue;
        };
        let Some(c) = counters::find(scope, name) else {
            continue;
        };
        let v = counter_value(secy, Some(scope), index, c.id, &slot_sci).unwrap_or(0);
        out.insert(key.clone(), v);
    }
    out
}
