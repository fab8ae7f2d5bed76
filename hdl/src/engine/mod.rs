//! The MACsec engine around the GCM cores: egress (protect) and ingress (validate) pipelines,
//! the tables, the counters and the CSR block of `macsec-model::regmap`.

pub mod gather;
pub mod key_ram;
pub mod params;
pub mod rx_sa;
pub mod rx_sc;
pub mod tx_sa;
pub mod counters;
pub mod csr_map;
pub mod control;
pub mod bus;
