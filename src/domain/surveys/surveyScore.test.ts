import { describe, expect, it } from "vitest";
import { parseSurveyAnswer } from "./surveyScore.ts";

const score = (text: string, kind: "csat" | "nps" = "csat") => {
  const answer = parseSurveyAnswer(text, kind);
  return answer.kind === "score" ? answer.score : "comment";
};

describe("parseSurveyAnswer", () => {
  it("reads plain numbers within the scale", () => {
    expect(score("5")).toBe(5);
    expect(score(" 1 ")).toBe(1);
    expect(score("5!")).toBe(5);
    expect(score("0", "nps")).toBe(0);
    expect(score("10", "nps")).toBe(10);
    expect(score("7.", "nps")).toBe(7);
  });

  it("refuses numbers outside the scale instead of clamping them", () => {
    expect(score("0")).toBe("comment");
    expect(score("6")).toBe("comment");
    expect(score("11", "nps")).toBe("comment");
    expect(score("100", "nps")).toBe("comment");
  });

  it("reads fractions and 'n out of m', converting between five and ten points", () => {
    expect(score("4/5")).toBe(4);
    expect(score("10/10")).toBe(5);
    expect(score("8/10")).toBe(4);
    expect(score("10/10", "nps")).toBe(10);
    expect(score("4/5", "nps")).toBe(8);
    expect(score("5 из 5")).toBe(5);
    expect(score("8 out of 10", "nps")).toBe(8);
    expect(score("4 na 5")).toBe(4);
    expect(score("3 no 5")).toBe(3);
    expect(score("6/5")).toBe("comment");
  });

  it("reads rating words in Russian, English, Polish and Latvian", () => {
    expect(score("отлично")).toBe(5);
    expect(score("Отлично, спасибо!")).toBe(5);
    expect(score("хорошо")).toBe(4);
    expect(score("очень хорошо")).toBe(5);
    expect(score("неплохо")).toBe(4);
    expect(score("так себе")).toBe(3);
    expect(score("плохо")).toBe(2);
    expect(score("очень плохо")).toBe(1);
    expect(score("ужасно")).toBe(1);
    expect(score("Excellent")).toBe(5);
    expect(score("great, thanks")).toBe(5);
    expect(score("not bad")).toBe(4);
    expect(score("terrible")).toBe(1);
    expect(score("very bad")).toBe(1);
    expect(score("świetnie")).toBe(5);
    expect(score("Świetnie, dziękuję")).toBe(5);
    expect(score("dobrze")).toBe(4);
    expect(score("bardzo dobrze")).toBe(5);
    expect(score("fatalnie")).toBe(1);
    expect(score("lieliski")).toBe(5);
    expect(score("Lieliski, paldies!")).toBe(5);
    expect(score("labi")).toBe(4);
    expect(score("ļoti labi")).toBe(5);
    expect(score("slikti")).toBe(2);
    expect(score("briesmīgi")).toBe(1);
  });

  it("reads scores wrapped in thanks and rating filler", () => {
    expect(score("ставлю 5")).toBe(5);
    expect(score("оценка 4")).toBe(4);
    expect(score("5 звезд")).toBe(5);
    expect(score("I give it 9", "nps")).toBe(9);
    expect(score("daję 5")).toBe(5);
    expect(score("5 gwiazdek")).toBe(5);
    expect(score("dodu 4")).toBe(4);
    expect(score("⭐⭐⭐⭐")).toBe(4);
    expect(score("5, спасибо большое")).toBe(5);
  });

  it("maps words onto the NPS scale coarsely", () => {
    expect(score("отлично", "nps")).toBe(10);
    expect(score("good", "nps")).toBe(8);
    expect(score("terrible", "nps")).toBe(0);
  });

  it("keeps anything that is not only a score as a comment", () => {
    expect(score("5 дней ждал заказ")).toBe("comment");
    expect(score("Курьер опоздал на 2 часа")).toBe("comment");
    expect(score("где мой заказ?")).toBe("comment");
    expect(score("спасибо")).toBe("comment");
    expect(score("thanks!")).toBe("comment");
    expect(score("")).toBe("comment");
    expect(score("5 or 4")).toBe("comment");
    expect(score("плохо, 5")).toBe("comment");
    expect(score("dobrze, ale kurier się spóźnił")).toBe("comment");
    expect(score("labi, bet piegāde kavējās")).toBe("comment");
    expect(score("order 12345")).toBe("comment");
    expect(score("no")).toBe("comment");
    expect(score("👍")).toBe("comment");
  });
});
