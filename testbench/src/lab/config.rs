//! The lab's configuration: card A's and card B's SecY configurations and the suites to cycle
//! through (one phase each).

use macsec_model::{CipherSuite, Config, Sak};
use serde::Deserialize;

use crate::error::CliError;

/// The embedded default, also shipped as `examples/lab.toml`.
pub const DEFAULT: &str = include_str!("../../../examples/lab.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabConfig {
    /// One phase per suite; absent: the configurations' own suite.
    #[serde(default)]
    pub suites: Vec<CipherSuite>,
    pub a: Config,
    pub b: Config,
}

impl LabConfig {
    pub fn parse(text: &str, origin: &str) -> Result<LabConfig, CliError> {
        let c: LabConfig = toml::from_str(text).map_err(|e| {
            let at = e
                .span()
                .map(|s| {
                    format!(
                        "line {}: ",
                        text[..s.start.min(text.len())].matches('\n').count() + 1
                    )
                })
                .unwrap_or_default();
            let msg = e.message().lines().collect::<Vec<_>>().join(": ");
            CliError::Input(format!(
                "{origin}: {at}{}",
                macsec_model::de::quiet_message(&msg)
            ))
        })?;
        if c.a.tx_sa.is_empty() {
            return Err(CliError::Input(format!(
                "{origin}: card a needs a transmit SA ([[a.tx_sa]])"
            )));
        }
        if c.b.rx_sc.is_empty() {
            return Err(CliError::Input(format!(
                "{origin}: card b needs a receive SC ([[b.rx_sc]])"
            )));
        }
        Ok(c)
    }

    /// The phases: (suite, config A, config B), keys cut to each suite's length.
    pub fn phases(&self) -> Result<Vec<(CipherSuite, Config, Config)>, CliError> {
        let suites = if self.suites.is_empty() {
            vec![self.a.cipher]
        } else {
            self.suites.clone()
        };
        suites
            .into_iter()
            .map(|s| Ok((s, for_suite(&self.a, s)?, for_suite(&self.b, s)?)))
            .collect()
    }
}

fn cut(key: &Sak, suite: CipherSuite) -> Result<Sak, CliError> {
    let b = key.as_bytes();
    if b.len() < suite.key_len() {
        return Err(CliError::Input(format!(
            "{suite} needs {}-octet keys; the lab config has {}",
            suite.key_len(),
            b.len()
        )));
    }
    Sak::new(&b[..suite.key_len()]).map_err(|e| CliError::Input(e.to_string()))
}

/// `c` adapted to `suite`: its keys cut to length, offset 0 for XPN.
fn for_suite(c: &Config, suite: CipherSuite) -> Result<Config, CliError> {
    let mut c = c.clone();
    c.cipher = suite;
    if suite.is_xpn() {
        c.offset = 0;
    }
    for sa in c
        .tx_sa
        .iter_mut()
        .chain(c.rx_sc.iter_mut().flat_map(|sc| sc.sa.iter_mut()))
    {
        sa.key = cut(&sa.key, suite)?;
    }
    Ok(c)
}
