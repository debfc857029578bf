-- Digests posted as a thread (a forum post in a forum channel) under a headline.
ALTER TABLE subscriptions ADD COLUMN thread INTEGER NOT NULL DEFAULT 0;
