-- The vendor's administration (issue 14): products, features, trials, coupon batches and releases
-- managed through the admin API instead of the demo seed.

-- A product's kind (license or subscription) and term (the days a coupon adds unless it says otherwise).
ALTER TABLE products ADD COLUMN IF NOT EXISTS kind VARCHAR(16) DEFAULT 'license' NOT NULL;
ALTER TABLE products ADD COLUMN IF NOT EXISTS term_days INT DEFAULT 365 NOT NULL;

-- Feature names; which product grants a feature, with how many seats, stays in product_features.
CREATE TABLE IF NOT EXISTS features (id VARCHAR(64) PRIMARY KEY, name_en VARCHAR(200) NOT NULL,
    name_ru VARCHAR(200) NOT NULL);

-- Coupons made in batches by the admin API; a revoked coupon can no longer be activated.
ALTER TABLE coupons ADD COLUMN IF NOT EXISTS batch_id VARCHAR(32);
ALTER TABLE coupons ADD COLUMN IF NOT EXISTS created_at BIGINT;
ALTER TABLE coupons ADD COLUMN IF NOT EXISTS revoked_at BIGINT;
CREATE INDEX IF NOT EXISTS coupons_batch ON coupons (batch_id);

-- Every trial ever started, by key and by installation, so that a new key (unregister, register
-- again) on the same PBX never gets the same trial twice.
CREATE TABLE IF NOT EXISTS trials (product_id VARCHAR(64) NOT NULL, license_id BIGINT NOT NULL,
    installation_id CHAR(32) NOT NULL, started_at BIGINT NOT NULL,
    PRIMARY KEY (product_id, license_id, installation_id));
CREATE INDEX IF NOT EXISTS trials_installation ON trials (product_id, installation_id);

-- Releases published through the admin API: their bytes by hash, so a version never changes silently.
CREATE TABLE IF NOT EXISTS releases (module_id VARCHAR(200) NOT NULL, version VARCHAR(64) NOT NULL,
    sha256 CHAR(64) NOT NULL, size BIGINT NOT NULL, published_at BIGINT NOT NULL,
    PRIMARY KEY (module_id, version));
