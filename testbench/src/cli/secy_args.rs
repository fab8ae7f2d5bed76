//! The SecY options shared by `protect` and `validate`, turned into a [`Config`] so that flags
//! and `--config FILE.toml` go through one path.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use macsec_model::config::{RxScConfig, SaConfig};
use macsec_model::hexstr::{parse_hex_array, parse_u64};
use macsec_model::secy::ValidateFrames;
use macsec_model::{Backend, CipherSuite, Config, Sak, Salt, Sci};

use crate::error::CliError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnOff {
    On,
    Off,
}

impl OnOff {
    fn get(v: Option<OnOff>, default: bool) -> bool {
        v.map_or(default, |v| v == OnOff::On)
    }
}

fn pn_arg(s: &str) -> Result<u64, String> {
    parse_u64(s).map_err(|e| e.to_string())
}

fn ssci_arg(s: &str) -> Result<u32, String> {
    parse_hex_array::<4>(s)
        .map(u32::from_be_bytes)
        .map_err(|e| e.to_string())
}

fn salt_arg(s: &str) -> Result<Salt, String> {
    macsec_model::config::parse_salt(s)
}

fn sci_arg(s: &str) -> Result<Sci, String> {
    s.parse::<Sci>().map_err(|e| e.to_string())
}

fn key_arg(s: &str) -> Result<Sak, String> {
    Sak::from_hex(s).map_err(|e| e.to_string())
}

fn offset_arg(s: &str) -> Result<u8, String> {
    match s {
        "0" => Ok(0),
        "30" => Ok(30),
        "50" => Ok(50),
        _ => Err("the confidentiality offset must be 0, 30 or 50".into()),
    }
}

/// The SecY, by flags or by `--config`.
#[derive(Debug, Args)]
pub struct SecyArgs {
    /// Cipher suite [default: gcm-aes-128].
    #[arg(long, value_parser = |s: &str| s.parse::<CipherSuite>())]
    pub cipher: Option<CipherSuite>,
    /// The SAK, in hex (16 or 32 octets).
    #[arg(long, value_parser = key_arg)]
    pub key: Option<Sak>,
    /// Protect: our SCI. Validate: the peer's SCI (the receive SC). 16 hex digits.
    #[arg(long, value_parser = sci_arg)]
    pub sci: Option<Sci>,
    /// Association number [default: 0].
    #[arg(long, value_parser = clap::value_parser!(u8).range(0..=3))]
    pub an: Option<u8>,
    /// Protect: PN of the first frame. Validate: the receive SA's next PN [default: 1]. Each
    /// protect run starts the SA afresh: protecting again with the same key and PN reuses
    /// every PN (and its keystream), which only a test should do; give a new key, or a PN
    /// beyond the last one used.
    #[arg(long, value_parser = pn_arg)]
    pub pn: Option<u64>,
    /// XPN: Short SCI, 8 hex digits.
    #[arg(long, value_parser = ssci_arg)]
    pub ssci: Option<u32>,
    /// XPN: 96-bit salt, 24 hex digits.
    #[arg(long, value_parser = salt_arg)]
    pub salt: Option<Salt>,
    /// Confidentiality (E=C=1) or integrity only [default: on].
    #[arg(long, value_enum)]
    pub encrypt: Option<OnOff>,
    /// alwaysIncludeSCI [default: on, off when --end-station or --scb is on].
    #[arg(long = "send-sci", value_enum)]
    pub send_sci: Option<OnOff>,
    /// useES: the SCI is the source address and port 1 [default: off].
    #[arg(long = "end-station", value_enum)]
    pub end_station: Option<OnOff>,
    /// useSCB [default: off].
    #[arg(long, value_enum)]
    pub scb: Option<OnOff>,
    /// Confidentiality offset: 0, 30 or 50 [default: 0].
    #[arg(long, value_parser = offset_arg)]
    pub offset: Option<u8>,
    /// validateFrames (validate only) [default: strict].
    #[arg(long, value_parser = |s: &str| s.parse::<ValidateFrames>())]
    pub validate: Option<ValidateFrames>,
    /// replayProtect (validate only) [default: off].
    #[arg(long, value_enum)]
    pub replay: Option<OnOff>,
    /// replayWindow (validate only) [default: 0].
    #[arg(long)]
    pub window: Option<u32>,
    /// The whole SecY from a TOML file, instead of the flags above.
    #[arg(long, value_name = "FILE.toml")]
    pub config: Option<PathBuf>,
    /// AES-GCM implementation.
    #[arg(long, default_value = "ring", value_parser = |s: &str| s.parse::<Backend>())]
    pub backend: Backend,
}

impl SecyArgs {
    /// Refuse options that would have no effect on this command, rather than ignore them.
    fn only_where_they_apply(&self, transmit: bool) -> Result<(), CliError> {
        let (given, applies): (Vec<(&str, bool)>, &str) = if transmit {
            (
                vec![
                    ("--validate", self.validate.is_some()),
                    ("--replay", self.replay.is_some()),
                    ("--window", self.window.is_some()),
                ],
                "validate",
            )
        } else {
            (
                vec![
                    ("--encrypt", self.encrypt.is_some()),
                    ("--send-sci", self.send_sci.is_some()),
                    ("--end-station", self.end_station.is_some()),
                    ("--scb", self.scb.is_some()),
                ],
                "protect",
            )
        };
        if let Some((name, _)) = given.iter().find(|(_, g)| *g) {
            let this = if transmit { "protect" } else { "validate" };
            return Err(CliError::Usage(format!(
                "{name} applies to {applies} only: it would have no effect on {this}"
            )));
        }
        if !transmit && self.window.is_some() && self.replay != Some(OnOff::On) {
            return Err(CliError::Usage(
                "--window needs --replay on: without replay protection it has no effect".into(),
            ));
        }
        Ok(())
    }

    fn any_secy_flag(&self) -> bool {
        self.cipher.is_some()
            || self.key.is_some()
            || self.sci.is_some()
            || self.an.is_some()
            || self.pn.is_some()
            || self.ssci.is_some()
            || self.salt.is_some()
            || self.encrypt.is_some()
            || self.send_sci.is_some()
            || self.end_station.is_some()
            || self.scb.is_some()
            || self.offset.is_some()
            || self.validate.is_some()
            || self.replay.is_some()
            || self.window.is_some()
    }

    /// The configuration these options describe. `transmit` picks whether the single SA is our
    /// transmit SA (protect) or the receive SA of the peer's SC (validate).
    pub fn config(&self, transmit: bool) -> Result<Config, CliError> {
        let usage = CliError::Usage;
        if let Some(path) = &self.config {
            if self.any_secy_flag() {
                return Err(usage(
                    "--config replaces the SecY flags; give one or the other".into(),
                ));
            }
            let text = std::fs::read_to_string(path)
                .map_err(|e| CliError::Input(format!("{}: {e}", path.display())))?;
            return Config::from_toml(&text)
                .map_err(|e| CliError::Input(format!("{}: {e}", path.display())));
        }
        self.only_where_they_apply(transmit)?;
        let cipher = self.cipher.unwrap_or_default();
        let key = self
            .key
            .clone()
            .ok_or_else(|| usage("--key is required".into()))?;
        let sci = self.sci.ok_or_else(|| usage("--sci is required".into()))?;
        if cipher.is_xpn() {
            if self.ssci.is_none() || self.salt.is_none() {
                return Err(usage(format!("{cipher} needs --ssci and --salt")));
            }
        } else if self.ssci.is_some() || self.salt.is_some() {
            return Err(usage(format!(
                "--ssci and --salt apply only to the XPN suites, not {cipher}"
            )));
        }
        if key.len() != cipher.key_len() {
            return Err(usage(format!(
                "{cipher} needs a {}-octet key (--key), got {} octets",
                cipher.key_len(),
                key.len()
            )));
        }
        let sa = SaConfig {
            an: self.an.unwrap_or(0) as u64,
            key,
            key_id: None,
            pn: Some(self.pn.unwrap_or(1)),
            xpn: None,
            lowest_pn: None,
            ssci: self.ssci,
            salt: self.salt,
            on: true,
            encrypt: None,
        };
        let (tx_sa, rx_sc) = if transmit {
            (vec![sa], vec![])
        } else {
            let sc = RxScConfig {
                sci: Some(sci),
                address: None,
                port: None,
                on: true,
                sa: vec![sa],
            };
            (vec![], vec![sc])
        };
        Ok(Config {
            cipher,
            sci: if transmit { sci } else { Sci(0) },
            encrypt: OnOff::get(self.encrypt, true),
            send_sci: self.send_sci.map(|v| v == OnOff::On),
            end_station: OnOff::get(self.end_station, false),
            scb: OnOff::get(self.scb, false),
            protect: true,
            replay: OnOff::get(self.replay, false),
            window: self.window.unwrap_or(0),
            validate: self.validate.unwrap_or_default(),
            encodingsa: self.an.unwrap_or(0) as u64,
            offset: self.offset.unwrap_or(0) as u64,
            pn_threshold: None,
            mtu: None,
            tx_sa,
            rx_sc,
        })
    }
}
