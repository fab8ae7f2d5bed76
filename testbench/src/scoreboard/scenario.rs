//! One scenario of the scoreboard: a random SecY configuration (suite, confidentiality offset,
//! SCI mode, validateFrames, replay window, PNs near the threshold, the 2^32 boundary or
//! exhaustion) for the engine, and the peers that send it traffic: one golden transmitter per
//! receive SA, and a stranger whose SCI the engine does not know.

use macsec_model::{Backend, Config, SecY};
use rand::rngs::StdRng;
use rand::Rng;

/// The confidentiality class of a scenario (integrity only, or the offset).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Protection {
    Integrity,
    Offset0,
    Offset30,
    Offset50,
}

impl Protection {
    pub const ALL: [Protection; 4] = [
        Protection::Integrity,
        Protection::Offset0,
        Protection::Offset30,
        Protection::Offset50,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Protection::Integrity => "integrity",
            Protection::Offset0 => "offset-0",
            Protection::Offset30 => "offset-30",
            Protection::Offset50 => "offset-50",
        }
    }
}

pub const SUITES: [&str; 4] = [
    "gcm-aes-128",
    "gcm-aes-256",
    "gcm-aes-xpn-128",
    "gcm-aes-xpn-256",
];

/// A golden transmitter standing in for a peer's SA.
pub struct Peer {
    pub secy: SecY,
    /// The MAC address its frames come from (the SCI's, so End Station SCIs resolve).
    pub mac: [u8; 6],
}

pub struct Scenario {
    pub index: usize,
    /// The engine's configuration, as TOML (written next to a failure's pcap to reproduce it).
    pub toml: String,
    pub cfg: Config,
    pub suite: usize,
    pub protection: Protection,
    pub peers: Vec<Peer>,
    pub stranger: Peer,
    /// ANs of receive SC 0 without an SA (targets for the unused-AN fault).
    pub unused_an: Option<u8>,
    /// The engine's own MAC address (the source of its egress frames).
    pub mac: [u8; 6],
}

fn hex_of(n: usize, rng: &mut StdRng) -> String {
    (0..n).map(|_| format!("{:02x}", rng.gen::<u8>())).collect()
}

fn sa_toml(an: u8, pn: u64, key: &str, xpn: bool, rng: &mut StdRng) -> String {
    let mut s = format!("an = {an}\npn = {pn:#x}\nkey = \"{key}\"\n");
    if xpn {
        s += &format!(
            "ssci = \"{}\"\nsalt = \"{}\"\n",
            hex_of(4, rng),
            hex_of(12, rng)
        );
    }
    s
}

fn sci_of(mac: [u8; 6], port: u16) -> String {
    format!("{}{port:04x}", hex::encode(mac))
}

/// A next PN: small mostly, else near the rekey threshold, the 2^32 boundary or the last PN.
fn pick_pn(xpn: bool, rng: &mut StdRng) -> u64 {
    match rng.gen_range(0..10) {
        0 if xpn => 0xC000_0000_0000_0000 - rng.gen_range(1..8),
        0 => 0xC000_0000 - rng.gen_range(1..8),
        1 if xpn => u64::MAX - rng.gen_range(2..12),
        1 => 0xFFFF_FFFF - rng.gen_range(2..12),
        2 if xpn => 0x1_0000_0000 - rng.gen_range(1..6),
        _ => rng.gen_range(1..5000),
    }
}

impl Scenario {
    /// Draw a scenario; `sized` keeps it to what a throughput run wants (no frame-length limit).
    pub fn draw(index: usize, rng: &mut StdRng, sized: bool) -> Scenario {
        loop {
            if let Some(s) = Self::try_draw(index, rng, sized) {
                return s;
            }
        }
    }

    fn try_draw(index: usize, rng: &mut StdRng, sized: bool) -> Option<Scenario> {
        let suite = index % 4;
        let cipher = SUITES[suite];
        let xpn = suite >= 2;
        let klen = if suite % 2 == 0 { 16 } else { 32 };
        // XPN refuses a confidentiality offset other than 0 (see docs/architecture.md).
        let protection = match rng.gen_range(0..if xpn { 2 } else { 4 }) {
            0 => Protection::Integrity,
            1 => Protection::Offset0,
            2 => Protection::Offset30,
            _ => Protection::Offset50,
        };
        let offset = match protection {
            Protection::Offset30 => 30,
            Protection::Offset50 => 50,
            _ => 0,
        };
        let end_station = rng.gen_bool(0.25);
        let scb = !end_station && rng.gen_bool(0.15);
        let send_sci = !end_station && rng.gen_bool(0.6);
        let validate = ["strict", "strict", "check", "disabled", "null"][rng.gen_range(0..5)];
        let replay = rng.gen_bool(0.6);
        let window = [0, 0, 1, 3, 64][rng.gen_range(0..5)];
        let mac: [u8; 6] = rng.gen();
        let port = if end_station { 1 } else { rng.gen_range(1..4) };
        let encodingsa = rng.gen_range(0..4u8);
        let mtu = if !sized && rng.gen_bool(0.15) {
            format!("mtu = {}\n", rng.gen_range(200..2000))
        } else {
            String::new()
        };
        let head = format!(
            "cipher = \"{cipher}\"\nencrypt = {}\noffset = {offset}\nsend_sci = {send_sci}\n\
             end_station = {end_station}\nscb = {scb}\n",
            protection != Protection::Integrity
        );
        // Now and then the engine's own SecY does not protect (its peers still do).
        let protect = rng.gen_bool(0.9);
        let mut toml = format!(
            "{head}protect = {protect}\nsci = \"{}\"\nvalidate = \"{validate}\"\nreplay = {replay}\nwindow = {window}\n\
             encodingsa = {encodingsa}\n{mtu}\n[[tx_sa]]\n{}",
            sci_of(mac, port),
            sa_toml(encodingsa, pick_pn(xpn, rng), &hex_of(klen, rng), xpn, rng)
        );
        // Receive SCs, each with one or two SAs; a peer transmitter for each SA.
        let mut peers = Vec::new();
        let mut unused_an = None;
        // Without an SCI in the SecTAG (neither SC nor ES) only a single peer can be told apart.
        let scs = if send_sci || end_station {
            rng.gen_range(1..4)
        } else {
            1
        };
        for sc in 0..scs {
            let pmac: [u8; 6] = rng.gen();
            let pport = if end_station { 1 } else { rng.gen_range(1..4) };
            toml += &format!("\n[[rx_sc]]\nsci = \"{}\"\n", sci_of(pmac, pport));
            let first = rng.gen_range(0..4u8);
            let ans: Vec<u8> = if rng.gen_bool(0.5) {
                vec![first]
            } else {
                vec![first, (first + 1) % 4]
            };
            if sc == 0 {
                unused_an = (0..4).find(|a| !ans.contains(a));
            }
            for an in ans {
                let sa = sa_toml(an, pick_pn(xpn, rng), &hex_of(klen, rng), xpn, rng);
                toml += &format!("[[rx_sc.sa]]\n{sa}");
                let peer = format!(
                    "{head}sci = \"{}\"\nencodingsa = {an}\n[[tx_sa]]\n{sa}",
                    sci_of(pmac, pport)
                );
                peers.push(Peer {
                    secy: Config::from_toml(&peer).ok()?.build(Backend::Ring).ok()?,
                    mac: pmac,
                });
            }
        }
        let smac: [u8; 6] = rng.gen();
        let stranger = format!(
            "cipher = \"{cipher}\"\nencrypt = {}\noffset = {offset}\nsend_sci = true\n\
             sci = \"{}\"\n[[tx_sa]]\n{}",
            protection != Protection::Integrity,
            sci_of(smac, 7),
            sa_toml(0, 1, &hex_of(klen, rng), xpn, rng)
        );
        let stranger = Peer {
            secy: Config::from_toml(&stranger)
                .ok()?
                .build(Backend::Ring)
                .ok()?,
            mac: smac,
        };
        let cfg = Config::from_toml(&toml).ok()?;
        cfg.build(Backend::Ring).ok()?;
        Some(Scenario {
            index,
            toml,
            cfg,
            suite,
            protection,
            peers,
            stranger,
            unused_an,
            mac,
        })
    }
}
