-- A manager sends a submitted month back to the person with a comment (POST /api/months/:month/reject):
-- the month returns to OPEN, and the event records who sent it back and why.
ALTER TYPE "MonthAction" ADD VALUE 'REJECT';
