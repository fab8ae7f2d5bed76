//! The driver's one error type: every failure is typed, none is a panic or a hang.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum DriverError {
    #[error("card not responding: {what} still busy after {after}")]
    Timeout { what: &'static str, after: String },
    #[error("card reads all-ones: surprise removal or a dead link")]
    SurpriseRemoval,
    #[error("not a MACsec card: ID reads {0:#010x}")]
    BadId(u32),
    #[error("register map version {found:#010x} is not supported (driver knows {known:#010x})")]
    MapVersion { found: u32, known: u32 },
    #[error("the card lacks the {0} block")]
    MissingBlock(&'static str),
    #[error("register block chain is broken: {0}")]
    BadChain(String),
    #[error("table {table} refused {op}: {reason}")]
    Table {
        table: &'static str,
        op: &'static str,
        reason: &'static str,
    },
    #[error("the card refused the SecY settings (SECY.CTRL.ERROR)")]
    SecyRefused,
    #[error("{ring} ring stopped: {reason}")]
    Ring {
        ring: &'static str,
        reason: &'static str,
    },
    #[error("{ring} completion ring is inconsistent: {detail}")]
    Completion { ring: &'static str, detail: String },
    #[error("no room: {what} (the card has {slots}, all in use)")]
    Full { what: &'static str, slots: usize },
    #[error("{0}")]
    Invalid(String),
    #[error("DMA memory: {0}")]
    Dma(String),
    #[error("{0}")]
    NoDevice(String),
    #[error("VFIO: {0}")]
    Vfio(String),
    /// A backend's call failed; the backend's own error is kept as the source.
    #[error("{what}: {source}")]
    Backend {
        what: String,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl DriverError {
    /// A backend failure, `what` saying what was being done.
    pub fn backend(
        what: impl Into<String>,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> DriverError {
        DriverError::Backend {
            what: what.into(),
            source: Box::new(source),
        }
    }
}

pub type Result<T> = std::result::Result<T, DriverError>;
