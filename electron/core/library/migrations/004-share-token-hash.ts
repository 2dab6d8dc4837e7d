import type { Migration } from './index';

// Share links are looked up by the SHA-256 of the token, so the index walk that finds a row compares digests, not the
// secret itself; the secret is then compared in constant time.
export const shareTokenHash: Migration = {
  name: '005-share-token-hash',
  up(db) {
    db.exec(`
      ALTER TABLE share_links ADD COLUMN token_hash TEXT;
      CREATE UNIQUE INDEX share_links_token_hash ON share_links(token_hash);
      CREATE INDEX link_views_token ON link_views(token);
    `);
  },
};
