//! Seeded traffic for a scenario: plain frames for the egress; for the ingress, frames a peer's
//! golden transmitter protected, some of them damaged on purpose.

use macsec_model::FrameBuf;
use rand::rngs::StdRng;
use rand::Rng;

use super::scenario::Scenario;

/// What was done to an ingress frame on its way to the engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fault {
    None,
    /// A bit of the ICV flipped.
    BadIcv,
    /// A bit of the Secure Data flipped.
    BadData,
    /// An earlier frame sent again (replayed, or late once the window has moved on).
    Replay,
    /// From a transmitter whose SCI the engine does not know.
    UnknownSci,
    /// The TCI's AN rewritten to one without a receive SA.
    UnusedAn,
    /// A TCI or SL that 9.12 refuses (V set, E without C, SL too large or wrong).
    BadTag,
    /// Cut short.
    Truncated,
    /// Sent without a SecTAG.
    Untagged,
}

impl Fault {
    pub const ALL: [Fault; 9] = [
        Fault::None,
        Fault::BadIcv,
        Fault::BadData,
        Fault::Replay,
        Fault::UnknownSci,
        Fault::UnusedAn,
        Fault::BadTag,
        Fault::Truncated,
        Fault::Untagged,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Fault::None => "none",
            Fault::BadIcv => "bad-icv",
            Fault::BadData => "bad-data",
            Fault::Replay => "replay",
            Fault::UnknownSci => "unknown-sci",
            Fault::UnusedAn => "unused-an",
            Fault::BadTag => "bad-tag",
            Fault::Truncated => "truncated",
            Fault::Untagged => "untagged",
        }
    }
}

/// A frame length: fixed, or mixed over 60..9000 with the small sizes most common.
pub fn size(rng: &mut StdRng, fixed: Option<usize>) -> usize {
    if let Some(n) = fixed {
        return n;
    }
    match rng.gen_range(0..20) {
        0..=2 => rng.gen_range(60..64),
        3..=7 => rng.gen_range(64..128),
        8..=11 => rng.gen_range(128..1519),
        12..=13 => 1500,
        14..=15 => rng.gen_range(1519..=9000),
        _ => rng.gen_range(60..300),
    }
}

/// An Ethernet frame (no FCS) of `n` octets from `src`, with an IPv4 EtherType.
pub fn plain(rng: &mut StdRng, n: usize, src: [u8; 6]) -> Vec<u8> {
    let mut f: Vec<u8> = (0..n).map(|_| rng.gen()).collect();
    let n = n.min(14);
    let head: Vec<u8> = [[0x02, 0, 0, 0, 0, 1], src]
        .concat()
        .into_iter()
        .chain([0x08, 0x00])
        .collect();
    f[..n].copy_from_slice(&head[..n]);
    f
}

/// The next egress frame: mostly 60..9000 octets, now and then shorter than a MAC header needs.
pub fn egress_frame(sc: &Scenario, rng: &mut StdRng, fixed: Option<usize>) -> Vec<u8> {
    let n = if fixed.is_none() && rng.gen_bool(0.02) {
        rng.gen_range(1..14)
    } else {
        size(rng, fixed)
    };
    plain(rng, n, sc.mac)
}

/// The next ingress frame and what was done to it. `history` holds what the wire carried so far.
pub fn ingress_frame(
    sc: &mut Scenario,
    rng: &mut StdRng,
    fixed: Option<usize>,
    history: &[Vec<u8>],
) -> (Vec<u8>, Fault) {
    let mut fault = if rng.gen_bool(0.3) {
        Fault::ALL[rng.gen_range(1..Fault::ALL.len())]
    } else {
        Fault::None
    };
    if fixed.is_some() && fault == Fault::Truncated || fault == Fault::Replay && history.is_empty()
    {
        fault = Fault::None;
    }
    if fault == Fault::Replay {
        // Mostly a recent frame, sometimes an old one (late once the window moved).
        let back = if rng.gen_bool(0.7) {
            rng.gen_range(1..=history.len().min(4))
        } else {
            rng.gen_range(1..=history.len())
        };
        return (history[history.len() - back].clone(), fault);
    }
    let n = size(rng, fixed);
    let peer = if fault == Fault::UnknownSci {
        &mut sc.stranger
    } else {
        let i = rng.gen_range(0..sc.peers.len());
        &mut sc.peers[i]
    };
    let f = plain(rng, n, peer.mac);
    if fault == Fault::Untagged {
        return (f, fault);
    }
    let mut b = FrameBuf::with_capacity(n);
    b.set(&f);
    let r = peer.secy.protect(&mut b);
    if !r.counter.transmits() {
        // The peer's SA is spent: it sends nothing protected, so the frame goes out in clear.
        return (f, Fault::Untagged);
    }
    let mut w = b.to_vec();
    match fault {
        Fault::BadIcv => {
            let k = w.len() - 1 - rng.gen_range(0..16);
            w[k] ^= 1 << rng.gen_range(0..8);
        }
        Fault::BadData => {
            let k = rng.gen_range(22..w.len() - 16);
            w[k] ^= 1 << rng.gen_range(0..8);
        }
        Fault::UnusedAn => match sc.unused_an {
            // Only SC 0's peers are certain to share its SA set.
            Some(an) if peer_is_sc0(sc, &w) => w[14] = (w[14] & !3) | an,
            _ => fault = Fault::None,
        },
        Fault::BadTag => match rng.gen_range(0..4) {
            0 => w[14] |= 0x80,
            1 => w[14] = (w[14] & !0x04) | 0x08,
            2 => w[15] = 0x30 | rng.gen_range(0..16),
            _ => w[15] = rng.gen_range(1..48),
        },
        Fault::Truncated => w.truncate(rng.gen_range(1..w.len())),
        _ => {}
    }
    (w, fault)
}

/// Whether a protected frame came from one of receive SC 0's peers (by source address).
fn peer_is_sc0(sc: &Scenario, w: &[u8]) -> bool {
    let sc0 = sc.peers[0].mac;
    w[6..12] == sc0
}
