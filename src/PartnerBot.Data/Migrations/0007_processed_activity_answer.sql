-- What a card press was answered, so a re-delivery of the press (on any instance) gets the same card back.
ALTER TABLE processed_activities ADD COLUMN answer TEXT;
