//! A SecY configuration in TOML, in the words of `ip macsec` (cipher, encrypt, send_sci,
//! end_station, scb, protect, replay, window, validate, encodingsa, offset; SAs with key, pn or
//! xpn, ssci, salt, on). Defaults are those of the `macsec` command line.
//!
//! ```toml
//! cipher = "gcm-aes-128"
//! sci = "12153524C0895E81"      # our transmit SCI
//! encrypt = true
//! [[tx_sa]]
//! an = 0
//! pn = 1
//! key = "AD7A2BD03EAC835A6F620FDCB506B345"
//! [[rx_sc]]
//! sci = "D609B1F056630001"
//! [[rx_sc.sa]]
//! an = 0
//! key = "AD7A2BD03EAC835A6F620FDCB506B345"
//! ```

use serde::{Deserialize, Deserializer};
use thiserror::Error;

use crate::cipher::{Backend, CipherSuite, KeyId, Sak, Salt};
use crate::de;
use crate::hexstr::{parse_hex_array, parse_u64, ParseError};
use crate::sci::Sci;
use crate::secy::{ConfigError, RxSaParams, SecY, SecYControls, TxSaParams, ValidateFrames};

/// A configuration file that could not be used.
#[derive(Debug, Error)]
pub enum ConfigFileError {
    #[error("{0}")]
    Toml(String),
    #[error("{at}: {source}")]
    Invalid {
        at: String,
        #[source]
        source: ConfigError,
    },
}

fn yes() -> bool {
    true
}

/// The whole SecY.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub cipher: CipherSuite,
    /// Our transmit SCI.
    #[serde(default)]
    pub sci: Sci,
    /// Confidentiality for transmit SAs that do not say otherwise.
    #[serde(default = "yes")]
    pub encrypt: bool,
    /// alwaysIncludeSCI; on unless end_station or scb is set.
    #[serde(default)]
    pub send_sci: Option<bool>,
    #[serde(default)]
    pub end_station: bool,
    #[serde(default)]
    pub scb: bool,
    #[serde(default = "yes")]
    pub protect: bool,
    #[serde(default)]
    pub replay: bool,
    #[serde(default)]
    pub window: u32,
    #[serde(default)]
    pub validate: ValidateFrames,
    #[serde(default)]
    pub encodingsa: u64,
    #[serde(default)]
    pub offset: u64,
    /// The rekey threshold; the suite's default when absent.
    #[serde(default, deserialize_with = "de_opt_u64")]
    pub pn_threshold: Option<u64>,
    /// The Common Port's largest frame without FCS; unlimited when absent.
    #[serde(default)]
    pub mtu: Option<usize>,
    #[serde(default)]
    pub tx_sa: Vec<SaConfig>,
    #[serde(default)]
    pub rx_sc: Vec<RxScConfig>,
}

/// One SA (transmit or receive).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaConfig {
    pub an: u64,
    #[serde(deserialize_with = "de_sak")]
    pub key: Sak,
    /// The key's identifier (`ip macsec`'s key ID, MKA's KI): 1 to 16 octets of hex. A card
    /// holds it with the SA; when absent a fingerprint of the key stands in
    /// ([`KeyId::fingerprint`]). One key_id names one key: give a new key a new key_id.
    #[serde(default, deserialize_with = "de_key_id")]
    pub key_id: Option<KeyId>,
    #[serde(default, deserialize_with = "de_opt_u64")]
    pub pn: Option<u64>,
    #[serde(default, deserialize_with = "de_opt_u64")]
    pub xpn: Option<u64>,
    /// Receive SAs only: the lowest acceptable PN (default nextPN − window).
    #[serde(default, deserialize_with = "de_opt_u64")]
    pub lowest_pn: Option<u64>,
    #[serde(default, deserialize_with = "de_opt_ssci")]
    pub ssci: Option<u32>,
    #[serde(default, deserialize_with = "de_opt_salt")]
    pub salt: Option<Salt>,
    #[serde(default = "yes")]
    pub on: bool,
    /// Transmit SAs only: overrides the SecY's `encrypt`.
    #[serde(default)]
    pub encrypt: Option<bool>,
}

/// One receive SC, named by `sci` or by `address` and `port`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RxScConfig {
    #[serde(default)]
    pub sci: Option<Sci>,
    #[serde(default, deserialize_with = "de_address")]
    pub address: Option<String>,
    #[serde(default)]
    pub port: Option<u16>,
    #[serde(default = "yes")]
    pub on: bool,
    #[serde(default)]
    pub sa: Vec<SaConfig>,
}

fn de_sak<'de, D: Deserializer<'de>>(d: D) -> Result<Sak, D::Error> {
    // Neither the value nor any part of it ever reaches a message, whatever its type.
    let s = de::string(d, "key")?;
    Sak::from_hex(&s).map_err(serde::de::Error::custom)
}

fn de_opt_string<'de, D: Deserializer<'de>>(
    d: D,
    field: &'static str,
) -> Result<Option<String>, D::Error> {
    de::string(d, field).map(|s| Some(s.to_string()))
}

fn de_key_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<KeyId>, D::Error> {
    de::parsed(d, "key_id", KeyId::parse).map(Some)
}

fn de_address<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    de_opt_string(d, "address")
}

/// Integers beyond i64 do not fit TOML, so numbers may also be strings ("0xFFFF_FFFF_FFFF_FFFF").
#[derive(Deserialize)]
#[serde(untagged)]
enum NumOrStr {
    Num(u64),
    Str(String),
}

fn de_opt_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    match NumOrStr::deserialize(d)? {
        NumOrStr::Num(n) => Ok(Some(n)),
        NumOrStr::Str(s) => parse_u64(&s).map(Some).map_err(serde::de::Error::custom),
    }
}

fn de_opt_ssci<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    de::parsed(d, "ssci", parse_hex_array::<4>).map(|b| Some(u32::from_be_bytes(b)))
}

fn de_opt_salt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Salt>, D::Error> {
    let s = de::string(d, "salt")?;
    parse_salt(&s).map(Some).map_err(serde::de::Error::custom)
}

/// A 96-bit salt from hex; the error never shows the value.
pub fn parse_salt(s: &str) -> Result<Salt, String> {
    parse_hex_array::<12>(s).map_err(|e| match e {
        ParseError::HexLength { expected, got } => {
            format!("salt: expected {expected} hex digits, got {got}")
        }
        _ => "salt is not hexadecimal".to_string(),
    })
}

impl SaConfig {
    /// The key identifier the card is to hold: the one given, or the key's fingerprint.
    pub fn effective_key_id(&self) -> KeyId {
        self.key_id.unwrap_or_else(|| KeyId::fingerprint(&self.key))
    }

    pub fn an(&self) -> Result<u8, ConfigError> {
        if self.an > 3 {
            return Err(ConfigError::AnOutOfRange(self.an));
        }
        Ok(self.an as u8)
    }

    pub fn next_pn(&self) -> Result<u64, ConfigError> {
        match (self.pn, self.xpn) {
            (Some(_), Some(_)) => Err(ConfigError::PnAndXpn),
            (pn, xpn) => Ok(xpn.or(pn).unwrap_or(1)),
        }
    }

    /// This entry as a transmit SA; `encrypt` is the SecY's default confidentiality.
    pub fn tx_params(&self, encrypt: bool) -> Result<TxSaParams, ConfigError> {
        if self.lowest_pn.is_some() {
            return Err(ConfigError::WrongDirection("lowest_pn", "receive"));
        }
        Ok(TxSaParams {
            sak: self.key.clone(),
            next_pn: self.next_pn()?,
            ssci: self.ssci,
            salt: self.salt,
            confidentiality: self.encrypt.unwrap_or(encrypt),
            enable: self.on,
        })
    }

    /// This entry as a receive SA.
    pub fn rx_params(&self) -> Result<RxSaParams, ConfigError> {
        if self.encrypt.is_some() {
            return Err(ConfigError::WrongDirection("encrypt", "transmit"));
        }
        Ok(RxSaParams {
            sak: self.key.clone(),
            next_pn: self.next_pn()?,
            lowest_pn: self.lowest_pn,
            ssci: self.ssci,
            salt: self.salt,
            enable: self.on,
        })
    }
}

impl RxScConfig {
    /// The SC's SCI; `i` is its place in the file, for the message.
    pub fn sci(&self, i: usize) -> Result<Sci, ConfigFileError> {
        let invalid = |m: &str| ConfigFileError::Toml(format!("rx_sc[{i}]: {m}"));
        match (self.sci, &self.address, self.port) {
            (Some(sci), None, None) => Ok(sci),
            (None, Some(a), Some(p)) => parse_hex_array::<6>(a)
                .map(|a| Sci::new(a, p))
                .map_err(|e| invalid(&format!("address: {e}"))),
            _ => Err(invalid("give either sci, or address and port")),
        }
    }
}

impl Config {
    /// Parse a configuration; errors are one line, with the line number where TOML gives one.
    pub fn from_toml(s: &str) -> Result<Config, ConfigFileError> {
        toml::from_str(s).map_err(|e| {
            let msg = de::quiet_message(&e.message().lines().collect::<Vec<_>>().join(": "));
            ConfigFileError::Toml(match e.span() {
                Some(span) => {
                    let line = s[..span.start.min(s.len())].matches('\n').count() + 1;
                    format!("line {line}: {msg}")
                }
                None => msg,
            })
        })
    }

    /// The SecY controls this configuration asks for.
    pub fn controls(&self) -> Result<SecYControls, ConfigError> {
        if self.send_sci == Some(true) && self.end_station {
            return Err(ConfigError::SciWithEndStation);
        }
        if !matches!(self.offset, 0 | 30 | 50) {
            return Err(ConfigError::BadOffset(self.offset));
        }
        let mut c = SecYControls::new(self.cipher);
        c.protect_frames = self.protect;
        c.always_include_sci = self.send_sci.unwrap_or(!(self.end_station || self.scb));
        c.use_es = self.end_station;
        c.use_scb = self.scb;
        c.confidentiality_offset = self.offset as u8;
        c.validate_frames = self.validate;
        c.replay_protect = self.replay;
        c.replay_window = self.window;
        if let Some(t) = self.pn_threshold {
            c.pn_threshold = t;
        }
        c.max_frame_len = self.mtu;
        Ok(c)
    }

    /// Build the SecY, naming the offending entry on error.
    pub fn build(&self, backend: Backend) -> Result<SecY, ConfigFileError> {
        let at = |at: &str| {
            let at = at.to_string();
            move |source| ConfigFileError::Invalid { at, source }
        };
        let controls = self.controls().map_err(at("secy"))?;
        let mut secy = SecY::new(controls, self.sci, backend).map_err(at("secy"))?;
        if self.encodingsa > 3 {
            return Err(at("encodingsa")(ConfigError::AnOutOfRange(self.encodingsa)));
        }
        secy.set_encoding_sa(self.encodingsa as u8)
            .map_err(at("encodingsa"))?;
        // One SA per AN and one SC per SCI: a second entry would silently replace the first.
        let mut seen = [false; 4];
        for (i, sa) in self.tx_sa.iter().enumerate() {
            let here = format!("tx_sa[{i}]");
            let p = sa.tx_params(self.encrypt).map_err(at(&here))?;
            let an = sa.an().map_err(at(&here))?;
            if std::mem::replace(&mut seen[an as usize], true) {
                return Err(at(&here)(ConfigError::DuplicateAn(an)));
            }
            // One key in two transmit SAs of the SC: their IVs (SCI and PN) would repeat.
            if let Some(j) = self.tx_sa[..i]
                .iter()
                .position(|o| o.key.as_bytes() == sa.key.as_bytes())
            {
                return Err(at(&here)(ConfigError::SharedTxKey(j)));
            }
            secy.install_tx_sa(an, &p).map_err(at(&here))?;
        }
        let mut scis = std::collections::HashSet::new();
        for (i, sc) in self.rx_sc.iter().enumerate() {
            let sci = sc.sci(i)?;
            let here = format!("rx_sc[{i}]");
            if !scis.insert(sci) {
                return Err(at(&here)(ConfigError::DuplicateRxSc(sci)));
            }
            secy.add_rx_sc(sci).map_err(at(&here))?;
            secy.enable_rx_sc(sci, sc.on).map_err(at(&here))?;
            let mut seen = [false; 4];
            for (j, sa) in sc.sa.iter().enumerate() {
                let here = format!("rx_sc[{i}].sa[{j}]");
                let p = sa.rx_params().map_err(at(&here))?;
                let an = sa.an().map_err(at(&here))?;
                if std::mem::replace(&mut seen[an as usize], true) {
                    return Err(at(&here)(ConfigError::DuplicateAn(an)));
                }
                secy.install_rx_sa(sci, an, &p).map_err(at(&here))?;
            }
        }
        Ok(secy)
    }
}
