//! The MACsec engine around the GCM cores: egress (protect) and ingress (validate) pipelines,
//! the tables, the counters and the CSR block of `macsec-model::regmap`.

pub mod gather;
