-- CreateTable
CREATE TABLE "ForwardedJobEvent" (
    "id" BIGSERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ForwardedJobEvent_pkey" PRIMARY KEY ("id")
);
