//! The CLI's errors: each prints as one line and maps to an exit status.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum CliError {
    /// Bad arguments, configuration or input file: exit status 2.
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Input(String),
    /// The output could not be written (a bad path, most often): exit status 2.
    #[error("{0}")]
    Output(String),
    /// A check the command runs failed (mismatch, missed target): exit status 1.
    #[error("{0}")]
    Failed(String),
}

impl CliError {
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Usage(_) | CliError::Input(_) | CliError::Output(_) => 2,
            CliError::Failed(_) => 1,
        }
    }
}
