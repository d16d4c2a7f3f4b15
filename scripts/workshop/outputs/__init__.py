"""What is made from the model besides the site: printed handouts, slide decks, the offline copy, the exercise data outputs and new pages. May import model/, web/, check/ and qa/."""
