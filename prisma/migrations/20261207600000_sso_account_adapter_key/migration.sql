-- Issue 14: @auth/prisma-adapter keeps the linked identities, looking them up by
-- (provider, providerAccountId). provider is `sso-<connection id>` and connection ids are global,
-- so the pair is unique across workspaces as well; the index makes that a rule of the database
-- (an identity can be linked once) and gives the adapter its compound key.
CREATE UNIQUE INDEX "Account_provider_providerAccountId_key" ON "Account"("provider", "providerAccountId");
