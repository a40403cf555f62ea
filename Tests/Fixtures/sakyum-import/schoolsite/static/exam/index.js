// @sakyum, exam index.js file
function test(){
  alert('I am sakyum test alert for (exam) index page')
}
