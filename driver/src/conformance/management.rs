//! A PN is never reused under one key through management either: applying a configuration
//! keeps what is there, continues a key's PNs wherever it is installed, refuses a key that has
//! used its last PN, and applying the same configuration twice changes nothing. Each SA's key
//! identifier is held by the card and read back; an exhausted SA reads back as exhausted.

use macsec_model::regmap::tables::{tx_sa, window as tw};
use macsec_model::{Config, KeyId};

use super::pair::Rig;
use super::Bench;
use super::{ctx, ensure};
use crate::DriverError;

const KEY: &str = "AD7A2BD03EAC835A6F620FDCB506B345";
const KEY2: &str = "0F0E0D0C0B0A09080706050403020100";

/// A transmit SA `an` under `key` from `pn` (and the SC it talks to, to receive).
fn config(key: &str, an: u8, pn: u64, key_id: Option<&str>) -> Result<Config, String> {
    let id = key_id.map_or(String::new(), |k| format!("key_id = \"{k}\"\n"));
    ctx(
        Config::from_toml(&format!(
            "cipher = \"gcm-aes-128\"\nsci = \"0200000000010001\"\nencodingsa = {an}\n\
             replay = true\nwindow = 8\n\
             [[tx_sa]]\nan = {an}\npn = {pn}\nkey = \"{key}\"\n{id}\
             [[rx_sc]]\nsci = \"0200000000020001\"\n[[rx_sc.sa]]\nan = 0\nkey = \"{KEY2}\"\n"
        )),
        "config",
    )
}

/// Send `n` frames; the PN of each as its completion gives it.
fn send(r: &mut Rig, n: usize) -> Result<Vec<u64>, String> {
    let frames = super::frames(5, n);
    let refs: Vec<&[u8]> = frames.iter().map(|f| &f[..]).collect();
    ctx(r.card.post_tx(&refs), "post")?;
    let mut cpl = Vec::new();
    while cpl.len() < n {
        r.port.settle()?;
        ctx(r.card.reap_tx(&mut cpl), "reap")?;
    }
    r.port.drain_wire(&mut |_| {})?;
    Ok(cpl.iter().map(|c| c.pn).collect())
}

/// Apply, send, apply the same again: SAs, key identifiers, PNs and counters are as they were,
/// and the next frame continues the PNs.
pub fn apply_twice_changes_nothing(bench: &dyn Bench) -> Result<(), String> {
    let mut r = bench.rig(0)?;
    let cfg = config(KEY, 0, 1, Some("00112233445566778899AABBCCDDEEFF"))?;
    ctx(r.card.apply(&cfg), "apply")?;
    ctx(r.card.setup_rings(4, 2048), "rings")?;
    let pns = send(&mut r, 5)?;
    ensure(pns == [1, 2, 3, 4, 5], || format!("PNs {pns:?}"))?;
    let sci = macsec_model::Sci(0x0200_0000_0002_0001);
    let before = (
        ctx(r.card.tx_sa_state(0), "TX SA")?,
        ctx(r.card.rx_sa_state(sci, 0), "RX SA")?,
        ctx(r.card.counters(), "counters")?,
    );
    let st = before.0.ok_or("no TX SA")?;
    ensure(
        st.key_id == ctx(KeyId::parse("00112233445566778899AABBCCDDEEFF"), "id")?
            && st.next_pn == Some(6),
        || format!("after 5 frames: {st:?}"),
    )?;
    let rx = before.1.ok_or("no RX SA")?;
    let want = KeyId::fingerprint(&ctx(macsec_model::Sak::from_hex(KEY2), "key")?);
    ensure(rx.key_id == want, || format!("RX SA key id {}", rx.key_id))?;
    ctx(r.card.apply(&cfg), "apply again")?;
    let after = (
        ctx(r.card.tx_sa_state(0), "TX SA")?,
        ctx(r.card.rx_sa_state(sci, 0), "RX SA")?,
        ctx(r.card.counters(), "counters")?,
    );
    ensure(after == before, || {
        format!("applying the same configuration changed {before:?} to {after:?}")
    })?;
    let pns = send(&mut r, 1)?;
    ensure(pns == [6], || format!("the next frame took PN {pns:?}"))
}

/// The same key moved to another AN continues from its next PN; a new key starts where it
/// says; only an explicit reset starts a used key again.
pub fn apply_never_reuses_a_pn(bench: &dyn Bench) -> Result<(), String> {
    let mut r = bench.rig(0)?;
    ctx(r.card.apply(&config(KEY, 0, 1, None)?), "apply")?;
    ctx(r.card.setup_rings(4, 2048), "rings")?;
    send(&mut r, 5)?;
    ctx(r.card.apply(&config(KEY, 1, 1, None)?), "apply, AN 1")?;
    let st = ctx(r.card.tx_sa_state(1), "TX SA 1")?.ok_or("no SA 1")?;
    ensure(st.next_pn == Some(6), || {
        format!("the same key at AN 1 starts at {:?}", st.next_pn)
    })?;
    ensure(ctx(r.card.tx_sa_state(0), "TX SA 0")?.is_none(), || {
        "AN 0 is still installed".into()
    })?;
    let pns = send(&mut r, 2)?;
    ensure(pns == [6, 7], || format!("PNs {pns:?} under the same key"))?;
    // A configured PN above the card's is taken as it is.
    ctx(r.card.apply(&config(KEY, 1, 100, None)?), "apply, PN 100")?;
    let pns = send(&mut r, 1)?;
    ensure(pns == [100], || format!("PN {pns:?}, 100 configured"))?;
    ctx(r.card.apply(&config(KEY2, 1, 1, None)?), "apply, new key")?;
    let pns = send(&mut r, 1)?;
    ensure(pns == [1], || format!("a new key starts at {pns:?}"))?;
    ctx(
        r.card.apply_fresh(&config(KEY2, 1, 1, None)?),
        "apply after reset",
    )?;
    ctx(r.card.setup_rings(4, 2048), "rings")?;
    let pns = send(&mut r, 1)?;
    ensure(pns == [1], || format!("after an explicit reset: {pns:?}"))
}

/// An SA that used its last PN reads back exhausted (NEXT_PN 0, never the used PN) and its key
/// is refused by apply, for both PN sizes.
pub fn exhausted_sa_reads_back_exhausted(bench: &dyn Bench) -> Result<(), String> {
    let xpn = "cipher = \"gcm-aes-xpn-128\"\nsci = \"0200000000010001\"\n\
               [[tx_sa]]\nan = 0\nxpn = \"0xFFFFFFFFFFFFFFFF\"\nssci = \"00000001\"\n\
               salt = \"000102030405060708090A0B\"\n";
    let plain = "cipher = \"gcm-aes-128\"\nsci = \"0200000000010001\"\n\
                 [[tx_sa]]\nan = 0\npn = 0xFFFFFFFF\n";
    for head in [xpn, plain] {
        let mut r = bench.rig(0)?;
        let cfg = ctx(
            Config::from_toml(&format!("{head}key = \"{KEY}\"\n")),
            "config",
        )?;
        ctx(r.card.apply(&cfg), "apply")?;
        ctx(r.card.setup_rings(4, 2048), "rings")?;
        send(&mut r, 1)?;
        let st = ctx(r.card.tx_sa_state(0), "TX SA")?.ok_or("no SA")?;
        ensure(st.exhausted && st.next_pn.is_none(), || {
            format!("{}: after the last PN: {st:?}", cfg.cipher)
        })?;
        let io = r.card.device();
        let hi = ctx(io.read32(tw::DATA0_OFFSET + 8), "DATA2")?;
        let lo = ctx(io.read32(tw::DATA0_OFFSET + 4), "DATA1")?;
        let ctrl = ctx(io.read32(tw::DATA0_OFFSET), "DATA0")?;
        ensure(
            (lo, hi) == (0, 0) && tx_sa::CTRL_EXHAUSTED.get(ctrl) == 1,
            || format!("{}: NEXT_PN reads {hi:#x}:{lo:#x}", cfg.cipher),
        )?;
        let e = r.card.apply(&cfg);
        ensure(
            matches!(&e, Err(DriverError::Invalid(m)) if m.contains("used every PN")),
            || format!("{}: re-applying an exhausted key gave {e:?}", cfg.cipher),
        )?;
        // Refused before anything changed: the SA is still there, exhausted.
        let again = ctx(r.card.tx_sa_state(0), "TX SA")?;
        ensure(again == Some(st), || format!("{again:?}"))?;
        let fresh = ctx(
            Config::from_toml(&format!("{head}key = \"{KEY2}\"\n")),
            "config",
        )?;
        ctx(r.card.apply(&fresh), "apply a new key")?;
        let st = ctx(r.card.tx_sa_state(0), "TX SA")?.ok_or("no SA")?;
        ensure(!st.exhausted && st.next_pn.is_some(), || format!("{st:?}"))?;
    }
    Ok(())
}
