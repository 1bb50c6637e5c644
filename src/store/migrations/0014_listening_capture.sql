-- Posts found by a keyword search or a feed (issue 13) open conversations that only listening sees until its
-- triage decides one needs a person; everything Parley had before this is addressed to the brand, in the inbox.
ALTER TABLE "conversations" ADD COLUMN "in_inbox" boolean DEFAULT true NOT NULL;
