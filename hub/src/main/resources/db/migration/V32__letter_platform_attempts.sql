-- Failed attempts of a letter's delivery channel that may be the letter's own fault (the platform was reached and
-- gave no answer in time, or an error): after vardnav.letter.platform-max-attempts the letter goes to the print list
-- instead of being sent again without end. A platform that is down (refused, 503) does not count.
ALTER TABLE letter_delivery ADD COLUMN attempts INTEGER DEFAULT 0 NOT NULL;
